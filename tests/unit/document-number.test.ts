// Số ký hiệu folding: the number is one key however it is typed, and a query's tokens make a safe FTS5 expression.
import { describe, expect, it } from 'vitest';
import { andedTokens, documentMatchExpression, numberIndexText, numberKey, queryTokens } from '../../functions/documents/number.ts';

describe('numberKey', () => {
  it.each(['125/QĐ-UBND', '125 qd ubnd', '125/qđ-ubnd', ' 125 / QĐ - UBND ', '125-QD-UBND', '125.QĐ.UBND', '125/QĐ-UBND'.normalize('NFD'), '125//Qd--Ubnd'])(
    '%j is "125 qd ubnd"',
    (typed) => expect(numberKey(typed)).toBe('125 qd ubnd'),
  );

  it('keeps the year of a legal document in place', () => {
    expect(numberKey('12/2024/QĐ-UBND')).toBe('12 2024 qd ubnd');
    expect(numberKey('01/2024/NQ-HĐND')).toBe('01 2024 nq hdnd');
  });
});

describe('numberIndexText', () => {
  it('adds the year of issue once and digits without leading zeros', () => {
    expect(numberIndexText('125/QĐ-UBND', 2024)).toBe('125 qd ubnd 2024');
    expect(numberIndexText('12/2024/QĐ-UBND', 2024)).toBe('12 2024 qd ubnd');
    expect(numberIndexText('07/QĐ-UBND', 2023)).toBe('07 qd ubnd 7 2023');
  });
});

describe('queryTokens and the MATCH expression', () => {
  it.each([
    ['125/QĐ-UBND', ['125', 'qd', 'ubnd']],
    ['125 qd ubnd', ['125', 'qd', 'ubnd']],
    ['qd-ubnd 125', ['qd', 'ubnd', '125']],
    ['125/2024/QĐ-UBND', ['125', '2024', 'qd', 'ubnd']],
    ['12/2024/QĐ-UBND', ['12', '2024', 'qd', 'ubnd']],
    ['QD UBND 007', ['qd', 'ubnd', '7']],
  ])('%j -> %j', (typed, tokens) => expect(queryTokens(typed)).toEqual(tokens));

  it('ANDs the tokens, the last one a prefix; quotes in what is typed stay text', () => {
    expect(andedTokens(['125', 'qd', 'ubnd'])).toBe('"125" AND "qd" AND "ubnd"*');
    expect(andedTokens(queryTokens('a"b OR c*'))).toBe('"a" AND "b" AND "or" AND "c"*');
    expect(andedTokens([])).toBeNull();
  });

  it('searches the number column, or the text columns, with the same tokens', () => {
    expect(documentMatchExpression('qd-ubnd 125')).toBe('({number} : ("qd" AND "ubnd" AND "125"*)) OR ({summary body files} : ("qd" AND "ubnd" AND "125"*))');
    expect(documentMatchExpression(' / - ')).toBeNull();
  });
});
