// Structured data of a document page: schema.org Legislation (the ELI-derived vocabulary search engines
// read for legal acts): its number, form, dates, issuing body, legal force and files.
import { serializeJsonLd } from './json-ld.ts';
import type { DocumentView } from './document-pages.ts';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * schema.org's LegalForceStatus: not yet in effect and expired are both NotInForce; a document in effect
 * that a published document amends is PartiallyInForce (the amended provisions no longer apply as written).
 */
export function legalForce(doc: Pick<DocumentView, 'status' | 'relations'>): string {
  if (doc.status !== 'in-effect') return 'https://schema.org/NotInForce';
  const amended = doc.relations.some((r) => r.kind === 'amends' && r.direction === 'incoming');
  return amended ? 'https://schema.org/PartiallyInForce' : 'https://schema.org/InForce';
}

export function legislationJsonLd(doc: DocumentView, site: { name: string; origin: string }, pageUrl: string): string {
  const ref = (r: DocumentView['relations'][number]): JsonValue => ({ '@type': 'Legislation', legislationIdentifier: r.number, url: site.origin + r.path });
  const outgoing = (kind: string) => doc.relations.filter((r) => r.kind === kind && r.direction === 'outgoing').map(ref);
  const replaces = outgoing('replaces');
  const amends = outgoing('amends');
  const data: { [key: string]: JsonValue } = {
    '@context': 'https://schema.org',
    '@type': 'Legislation',
    '@id': pageUrl,
    url: pageUrl,
    name: `${doc.type.name} ${doc.number}`,
    abstract: doc.summary,
    legislationIdentifier: doc.number,
    legislationType: doc.type.name,
    legislationDate: doc.issuedOn,
    // Without a date of effect, in effect from the date of issue (functions/documents/status.ts).
    legislationDateOfApplicability: doc.effectiveOn ?? doc.issuedOn,
    ...(doc.expiresOn ? { expires: doc.expiresOn } : {}),
    legislationPassedBy: { '@type': 'GovernmentOrganization', name: doc.issuer.name },
    ...(doc.signer ? { legislationResponsible: { '@type': 'Person', name: doc.signer } } : {}),
    legislationLegalForce: legalForce(doc),
    legislationJurisdiction: 'VN',
    ...(doc.field ? { about: doc.field.name } : {}),
    // A replacement is a change too (schema.org has no "replaces"); an amendment also says which.
    ...(replaces.length + amends.length ? { legislationChanges: [...replaces, ...amends] } : {}),
    ...(amends.length ? { legislationAmends: amends } : {}),
    ...(doc.files.length
      ? { encoding: doc.files.map((f) => ({ '@type': 'MediaObject', name: f.name, contentUrl: site.origin + f.url, encodingFormat: f.contentType, contentSize: String(f.size) })) }
      : {}),
    publisher: { '@type': 'Organization', name: site.name, url: `${site.origin}/` },
    inLanguage: 'vi',
  };
  return serializeJsonLd(data);
}
