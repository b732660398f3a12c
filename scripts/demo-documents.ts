// The demo's documents registry (issue 11): official documents of the province of Thái Nguyên, of xã Tân
// Cương (a commune formed on 1 July 2025) and of the former district of Đồng Hỷ (site 1, documents issued
// before districts ended on 1 July 2025), each with a generated PDF (scripts/demo-pdf.ts). Numbers, names
// and contents are fictional; forms, authorities and dates follow the 2025 reform (../shared/DOMAIN.md):
// no district issues after 30 June 2025, communes issue from 1 July 2025. Dates are absolute, so statuses
// move with the calendar: on 29 Nov 2026 three are not yet in effect, several have expired.
import type { DocumentRelationKind } from '../schema/tables.ts';
import { vietnameseDate, type PdfParagraph, type PdfSpec } from './demo-pdf.ts';

export type DemoDocumentSite = 'province' | 'tancuong' | 'dongy';

/** An entry the seed adds to a site's managed lists besides the defaults every site has. */
export interface DemoTerm { kind: 'issuer' | 'field'; slug: string; name: string; abbreviation: string }

/** How a site's issuers head their documents: the capitals at the top left, and the parent authority above. */
interface IssuerHead { header: string; parent?: string }

interface SiteFacts {
  /** Where its documents are dated ("Thái Nguyên, ngày ..."). */
  place: string;
  terms: DemoTerm[];
  issuers: Record<string, IssuerHead>;
}

const PROVINCE_PARENT = 'UBND tỉnh Thái Nguyên';

export const DEMO_DOCUMENT_SITES: Record<DemoDocumentSite, SiteFacts> = {
  province: {
    place: 'Thái Nguyên',
    terms: [
      { kind: 'issuer', slug: 'so-giao-duc-va-dao-tao', name: 'Sở Giáo dục và Đào tạo', abbreviation: 'SGDĐT' },
      { kind: 'issuer', slug: 'so-y-te', name: 'Sở Y tế', abbreviation: 'SYT' },
      { kind: 'issuer', slug: 'so-nong-nghiep-va-moi-truong', name: 'Sở Nông nghiệp và Môi trường', abbreviation: 'SNNMT' },
      { kind: 'issuer', slug: 'so-xay-dung', name: 'Sở Xây dựng', abbreviation: 'SXD' },
      { kind: 'field', slug: 'khoa-hoc-cong-nghe', name: 'Khoa học - Công nghệ', abbreviation: '' },
    ],
    issuers: {
      ubnd: { header: 'Ủy ban nhân dân\ntỉnh Thái Nguyên' },
      hdnd: { header: 'Hội đồng nhân dân\ntỉnh Thái Nguyên' },
      'so-giao-duc-va-dao-tao': { header: 'Sở Giáo dục và Đào tạo', parent: PROVINCE_PARENT },
      'so-y-te': { header: 'Sở Y tế', parent: PROVINCE_PARENT },
      'so-nong-nghiep-va-moi-truong': { header: 'Sở Nông nghiệp\nvà Môi trường', parent: PROVINCE_PARENT },
      'so-xay-dung': { header: 'Sở Xây dựng', parent: PROVINCE_PARENT },
    },
  },
  tancuong: {
    place: 'Tân Cương',
    terms: [],
    issuers: {
      ubnd: { header: 'Ủy ban nhân dân\nxã Tân Cương' },
      hdnd: { header: 'Hội đồng nhân dân\nxã Tân Cương' },
    },
  },
  dongy: {
    place: 'Đồng Hỷ',
    terms: [],
    issuers: { ubnd: { header: 'Ủy ban nhân dân\nhuyện Đồng Hỷ' } },
  },
};

export type DemoTypeSlug =
  | 'quyet-dinh' | 'nghi-quyet' | 'chi-thi' | 'cong-van' | 'ke-hoach' | 'thong-bao' | 'bao-cao' | 'huong-dan' | 'to-trinh';

/** The type names as printed in the title (the default list's names, functions/data/document-terms.ts). */
export const DEMO_TYPE_NAMES: Record<DemoTypeSlug, string> = {
  'quyet-dinh': 'Quyết định', 'nghi-quyet': 'Nghị quyết', 'chi-thi': 'Chỉ thị', 'cong-van': 'Công văn', 'ke-hoach': 'Kế hoạch',
  'thong-bao': 'Thông báo', 'bao-cao': 'Báo cáo', 'huong-dan': 'Hướng dẫn', 'to-trinh': 'Tờ trình',
};

export interface DemoSigner {
  /** Lines above the title: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" ("\n" between two). */
  on?: string;
  /** Chủ tịch, Phó Chủ tịch, Giám đốc, ... */
  title: string;
  name: string;
}

/** A second file: an annex (phụ lục) or the regulation a decision issues (quy định kèm theo). */
export interface DemoAnnex { file: string; kind: 'Phụ lục' | 'Quy định'; title: string; text: PdfParagraph[] }

export interface DemoDocument {
  site: DemoDocumentSite;
  number: string;
  type: DemoTypeSlug;
  /** A slug of the site's issuer list (the defaults ubnd, hdnd, or DEMO_DOCUMENT_SITES' terms). */
  issuer: string;
  /** A slug of the site's field list, or null. */
  field: string | null;
  signer: DemoSigner;
  issuedOn: string;
  effectiveOn?: string;
  expiresOn?: string;
  /** Trích yếu. */
  summary: string;
  /** Markdown shown on the page besides the file; most documents have only their file. */
  body?: string;
  /** The PDF's text below the title. */
  text: PdfParagraph[];
  recipients: string[];
  state: 'published' | 'draft';
  /** When the portal publishes it (ISO with +07:00); by default the working day after issue, 8:30. */
  publishAt?: string;
  /** Documents of the same site this one replaces, amends or is guided by, by number. */
  relations?: { kind: DocumentRelationKind; number: string }[];
  annex?: DemoAnnex;
}

// ---------------------------------------------------------------------------------------------------
// Signers (fictional).

const TM_UBND = 'TM. Ủy ban nhân dân';
const KT_CT = 'TM. Ủy ban nhân dân\nKT. Chủ tịch';
const chairman = { on: TM_UBND, title: 'Chủ tịch', name: 'Trần Quốc Hưng' };
const viceLand = { on: KT_CT, title: 'Phó Chủ tịch', name: 'Lê Thị Thu Hà' };
const viceEconomy = { on: KT_CT, title: 'Phó Chủ tịch', name: 'Đỗ Mạnh Cường' };
const provinceCouncil = { title: 'Chủ tịch', name: 'Hoàng Văn Thắng' };
const education = { title: 'Giám đốc', name: 'Nguyễn Thị Lan Anh' };
const health = { on: 'KT. Giám đốc', title: 'Phó Giám đốc', name: 'Phạm Đức Long' };
const agriculture = { on: 'KT. Giám đốc', title: 'Phó Giám đốc', name: 'Vũ Minh Tuấn' };
const construction = { title: 'Giám đốc', name: 'Ngô Quang Vinh' };
const communeChair = { on: TM_UBND, title: 'Chủ tịch', name: 'Dương Văn Tiến' };
const communeVice = { on: KT_CT, title: 'Phó Chủ tịch', name: 'Hà Thị Mai' };
const communeCouncil = { title: 'Chủ tịch', name: 'Lương Đức Thịnh' };
const districtChair = { on: TM_UBND, title: 'Chủ tịch', name: 'Trịnh Văn Quang' };
const districtVice = { on: KT_CT, title: 'Phó Chủ tịch', name: 'Ngô Thị Phương' };

// ---------------------------------------------------------------------------------------------------
// Text helpers: the parts every decision and resolution has, in the order the form puts them.

const italic = (text: string): PdfParagraph => ({ text, style: 'italic' });
const heading = (text: string): PdfParagraph => ({ text, style: 'heading' });

const LAW_LOCAL_GOV = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;';
const LAW_LEGAL_DOCS = 'Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;';

/** A Quyết định: who decides, its grounds, the proposal it follows, then its articles. */
function decision(authority: string, grounds: string[], proposal: string, articles: string[]): PdfParagraph[] {
  return [heading(authority), ...grounds.map(italic), italic(proposal), heading('QUYẾT ĐỊNH:'), ...articles];
}

/** A Nghị quyết of a People's Council: the council and its session, its grounds, then what it resolves. */
function resolution(council: string, grounds: string[], articles: string[]): PdfParagraph[] {
  return [heading(council), ...grounds.map(italic), heading('QUYẾT NGHỊ:'), ...articles];
}

const EXECUTION = (who: string) =>
  `Điều 3. Chánh Văn phòng ${who}, Thủ trưởng các cơ quan, đơn vị và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.`;

const PROVINCE_AUTHORITY = 'ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN';
const PROVINCE_CHAIR_AUTHORITY = 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN';
const PROVINCE_COUNCIL = 'HỘI ĐỒNG NHÂN DÂN TỈNH THÁI NGUYÊN KHÓA XV, KỲ HỌP THỨ';
const COMMUNE_CHAIR_AUTHORITY = 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN CƯƠNG';
const DISTRICT_CHAIR_AUTHORITY = 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ĐỒNG HỶ';

const p = (...paragraphs: string[]) => paragraphs.join('\n\n');

// ---------------------------------------------------------------------------------------------------
// The province of Thái Nguyên (since 1 July 2025 merged with Bắc Kạn, keeping the name).

const province: DemoDocument[] = [
  {
    site: 'province', number: '12/2025/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'dat-dai-xay-dung', signer: viceLand,
    issuedOn: '2025-03-14', effectiveOn: '2025-03-25', expiresOn: '2026-06-01',
    summary: 'Ban hành Quy định hạn mức giao đất ở, hạn mức công nhận đất ở cho hộ gia đình, cá nhân trên địa bàn tỉnh Thái Nguyên',
    text: decision(PROVINCE_AUTHORITY, [LAW_LOCAL_GOV.replace('16 tháng 6 năm 2025', '19 tháng 6 năm 2015'), 'Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;'],
      'Theo đề nghị của Giám đốc Sở Tài nguyên và Môi trường.', [
        'Điều 1. Ban hành kèm theo Quyết định này Quy định hạn mức giao đất ở, hạn mức công nhận đất ở cho hộ gia đình, cá nhân trên địa bàn tỉnh Thái Nguyên.',
        'Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 25 tháng 3 năm 2025.',
        EXECUTION('UBND tỉnh'),
      ]),
    recipients: ['Bộ Tài nguyên và Môi trường;', 'Thường trực Tỉnh ủy, HĐND tỉnh;', 'Như Điều 3;', 'Lưu: VT, NC.'],
    state: 'published',
  },
  {
    site: 'province', number: '28/2026/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'dat-dai-xay-dung', signer: viceLand,
    issuedOn: '2026-05-20', effectiveOn: '2026-06-01',
    summary: 'Ban hành Quy định hạn mức giao đất ở, hạn mức công nhận đất ở cho hộ gia đình, cá nhân trên địa bàn tỉnh Thái Nguyên sau sắp xếp đơn vị hành chính',
    text: decision(PROVINCE_AUTHORITY, [LAW_LOCAL_GOV, LAW_LEGAL_DOCS, 'Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;'],
      'Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.', [
        'Điều 1. Ban hành kèm theo Quyết định này Quy định hạn mức giao đất ở, hạn mức công nhận đất ở cho hộ gia đình, cá nhân tại các xã, phường của tỉnh Thái Nguyên sau sắp xếp đơn vị hành chính.',
        'Điều 2. Quyết định này có hiệu lực từ ngày 01 tháng 6 năm 2026 và thay thế Quyết định số 12/2025/QĐ-UBND của UBND tỉnh Thái Nguyên.',
        EXECUTION('UBND tỉnh'),
      ]),
    recipients: ['Bộ Nông nghiệp và Môi trường;', 'Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính, Bộ Tư pháp;', 'Như Điều 3;', 'Lưu: VT, NC.'],
    state: 'published',
    relations: [{ kind: 'replaces', number: '12/2025/QĐ-UBND' }],
    annex: {
      file: 'Quy định kèm theo Quyết định 28-2026-QĐ-UBND',
      kind: 'Quy định',
      title: 'Quy định hạn mức giao đất ở, hạn mức công nhận đất ở',
      text: [
        heading('Chương I. QUY ĐỊNH CHUNG'),
        'Điều 1. Phạm vi điều chỉnh. Quy định này quy định hạn mức giao đất ở cho hộ gia đình, cá nhân; hạn mức công nhận đất ở đối với trường hợp thửa đất có vườn, ao tại các xã, phường trên địa bàn tỉnh.',
        heading('Chương II. HẠN MỨC'),
        'Điều 2. Hạn mức giao đất ở tại các phường không quá 120 mét vuông; tại các xã trung du không quá 200 mét vuông; tại các xã vùng cao không quá 300 mét vuông cho mỗi hộ gia đình, cá nhân.',
        'Điều 3. Hạn mức công nhận đất ở đối với thửa đất có vườn, ao được xác định bằng năm lần hạn mức giao đất ở tại Điều 2 nhưng không vượt quá diện tích thửa đất.',
      ],
    },
  },
  {
    site: 'province', number: '41/2026/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'dat-dai-xay-dung', signer: viceLand,
    issuedOn: '2026-11-20', effectiveOn: '2026-12-01',
    summary: 'Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số 28/2026/QĐ-UBND về hạn mức giao đất ở, hạn mức công nhận đất ở',
    text: decision(PROVINCE_AUTHORITY, [LAW_LOCAL_GOV, LAW_LEGAL_DOCS],
      'Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.', [
        'Điều 1. Sửa đổi khoản 2 Điều 2 của Quy định: hạn mức giao đất ở tại các xã vùng cao thuộc khu vực Bắc Kạn cũ không quá 400 mét vuông cho mỗi hộ gia đình, cá nhân.',
        'Điều 2. Quyết định này có hiệu lực từ ngày 01 tháng 12 năm 2026.',
        EXECUTION('UBND tỉnh'),
      ]),
    recipients: ['Bộ Nông nghiệp và Môi trường;', 'Như Điều 3;', 'Lưu: VT, NC.'],
    state: 'published',
    relations: [{ kind: 'amends', number: '28/2026/QĐ-UBND' }],
  },
  {
    site: 'province', number: '22/2025/NQ-HĐND', type: 'nghi-quyet', issuer: 'hdnd', field: 'nong-nghiep', signer: provinceCouncil,
    issuedOn: '2025-12-10', effectiveOn: '2026-01-01',
    summary: 'Quy định chính sách hỗ trợ phát triển sản xuất chè và sản phẩm OCOP trên địa bàn tỉnh Thái Nguyên giai đoạn 2026 - 2030',
    text: resolution(`${PROVINCE_COUNCIL} BA`, [LAW_LOCAL_GOV, LAW_LEGAL_DOCS, 'Xét Tờ trình của UBND tỉnh; Báo cáo thẩm tra của Ban Kinh tế - Ngân sách HĐND tỉnh và ý kiến thảo luận của đại biểu HĐND tỉnh tại kỳ họp.'], [
      'Điều 1. Hỗ trợ 50% chi phí chứng nhận sản xuất chè theo tiêu chuẩn VietGAP, hữu cơ; hỗ trợ giống chè mới cho diện tích trồng thay thế chè già cỗi, tối đa 30 triệu đồng mỗi héc-ta.',
      'Điều 2. Hỗ trợ chủ thể có sản phẩm được công nhận OCOP từ 4 sao trở lên, mức 20 triệu đồng cho mỗi sản phẩm.',
      'Điều 3. Giao UBND tỉnh tổ chức thực hiện Nghị quyết. Nghị quyết có hiệu lực từ ngày 01 tháng 01 năm 2026.',
    ]),
    recipients: ['Ủy ban Thường vụ Quốc hội;', 'Chính phủ;', 'Thường trực Tỉnh ủy;', 'UBND tỉnh;', 'Lưu: VT.'],
    state: 'published',
    relations: [{ kind: 'guided-by', number: '04/HD-SNNMT' }],
  },
  {
    site: 'province', number: '04/HD-SNNMT', type: 'huong-dan', issuer: 'so-nong-nghiep-va-moi-truong', field: 'nong-nghiep', signer: agriculture,
    issuedOn: '2026-02-05',
    summary: 'Thực hiện Nghị quyết số 22/2025/NQ-HĐND về chính sách hỗ trợ phát triển sản xuất chè và sản phẩm OCOP',
    text: [
      'Thực hiện Nghị quyết số 22/2025/NQ-HĐND của HĐND tỉnh, Sở Nông nghiệp và Môi trường hướng dẫn hồ sơ, trình tự đề nghị hỗ trợ như sau:',
      '1. Hồ sơ gồm đơn đề nghị theo mẫu, bản sao giấy chứng nhận VietGAP hoặc hữu cơ còn hiệu lực, hóa đơn mua giống chè của cơ sở được công bố đủ điều kiện.',
      '2. Hồ sơ nộp tại Trung tâm Phục vụ hành chính công cấp xã trước ngày 30 tháng 9 hằng năm; UBND cấp xã kiểm tra thực địa, tổng hợp gửi Sở trước ngày 15 tháng 10.',
      '3. Kinh phí hỗ trợ được chi trả qua tài khoản ngân hàng của hộ, hợp tác xã trong vòng 30 ngày kể từ khi có quyết định phê duyệt.',
    ],
    recipients: ['UBND tỉnh (b/c);', 'Sở Tài chính;', 'UBND các xã, phường;', 'Lưu: VT, TTBVTV.'],
    state: 'published',
  },
  {
    site: 'province', number: '08/CT-UBND', type: 'chi-thi', issuer: 'ubnd', field: 'nong-nghiep', signer: chairman,
    issuedOn: '2026-11-12',
    summary: 'Về tăng cường công tác phòng, chống đói, rét cho cây trồng, vật nuôi vụ Đông Xuân 2026 - 2027',
    body: p(
      'Theo dự báo của cơ quan khí tượng, mùa đông năm nay có thể xuất hiện nhiều đợt rét đậm, rét hại, đặc biệt ở các xã vùng cao phía Bắc của tỉnh.',
      'Chủ tịch UBND tỉnh yêu cầu UBND các xã, phường hướng dẫn người dân gia cố chuồng trại, dự trữ thức ăn cho gia súc; không thả rông trâu, bò khi nhiệt độ ngoài trời xuống dưới 12 độ C.',
    ),
    text: [
      'Theo dự báo của cơ quan khí tượng, mùa đông năm nay có thể xuất hiện nhiều đợt rét đậm, rét hại, đặc biệt ở các xã vùng cao phía Bắc của tỉnh. Để chủ động phòng, chống đói, rét cho cây trồng, vật nuôi, Chủ tịch UBND tỉnh chỉ thị:',
      '1. UBND các xã, phường hướng dẫn người dân gia cố chuồng trại, dự trữ rơm, cỏ khô, thức ăn tinh cho gia súc; không thả rông trâu, bò khi nhiệt độ ngoài trời xuống dưới 12 độ C.',
      '2. Sở Nông nghiệp và Môi trường chỉ đạo gieo cấy lúa, trồng rau màu theo khung thời vụ khuyến cáo; chuẩn bị vật tư, giống dự phòng.',
      '3. Các cơ quan báo chí của tỉnh thông tin kịp thời dự báo thời tiết và các biện pháp phòng, chống rét đến người dân.',
    ],
    recipients: ['Bộ Nông nghiệp và Môi trường;', 'Thường trực Tỉnh ủy;', 'Các sở, ban, ngành;', 'UBND các xã, phường;', 'Lưu: VT, KT.'],
    state: 'published',
  },
  {
    site: 'province', number: '215/KH-UBND', type: 'ke-hoach', issuer: 'ubnd', field: 'khoa-hoc-cong-nghe', signer: viceEconomy,
    issuedOn: '2026-01-20',
    summary: 'Chuyển đổi số, phát triển chính quyền số tỉnh Thái Nguyên năm 2026',
    text: [
      heading('I. MỤC ĐÍCH, YÊU CẦU'),
      'Đưa nền tảng cổng thông tin điện tử dùng chung vào vận hành cho toàn bộ các xã, phường; 100% văn bản chỉ đạo, điều hành được công khai trên cổng theo Nghị định số 42/2022/NĐ-CP.',
      heading('II. NHIỆM VỤ'),
      '1. Vận hành cổng thông tin điện tử thành phần cho các xã, phường; tin bài của cơ sở được tổng hợp về Cổng thông tin điện tử tỉnh.',
      '2. Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực; kết nối cơ sở dữ liệu văn bản với hệ thống quản lý văn bản điều hành.',
      heading('III. TỔ CHỨC THỰC HIỆN'),
      'Sở Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc; định kỳ hằng quý báo cáo UBND tỉnh kết quả thực hiện.',
    ],
    recipients: ['Bộ Khoa học và Công nghệ;', 'Thường trực Tỉnh ủy;', 'Các sở, ban, ngành;', 'UBND các xã, phường;', 'Lưu: VT, KGVX.'],
    state: 'published',
    annex: {
      file: 'Phụ lục kèm theo Kế hoạch 215-KH-UBND',
      kind: 'Phụ lục',
      title: 'Danh mục nhiệm vụ chuyển đổi số năm 2026',
      text: [
        '1. Triển khai trợ lý ảo hỗ trợ tra cứu thủ tục hành chính trên Cổng dịch vụ công của tỉnh; đơn vị chủ trì: Sở Khoa học và Công nghệ; thời gian hoàn thành: quý II năm 2026.',
        '2. Cấp chữ ký số chuyên dùng cho 100% cán bộ, công chức cấp xã; đơn vị chủ trì: Sở Nội vụ; thời gian hoàn thành: quý III năm 2026.',
        '3. Công khai văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành trên cổng thông tin điện tử của các xã, phường; đơn vị chủ trì: UBND các xã, phường; thực hiện thường xuyên.',
      ],
    },
  },
  {
    site: 'province', number: '1890/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'hanh-chinh', signer: viceLand,
    issuedOn: '2025-07-18', expiresOn: '2026-09-15',
    summary: 'Về việc công bố danh mục thủ tục hành chính lĩnh vực đất đai thuộc thẩm quyền giải quyết của UBND cấp xã sau sắp xếp chính quyền địa phương hai cấp',
    text: decision(PROVINCE_CHAIR_AUTHORITY, [LAW_LOCAL_GOV, 'Căn cứ Nghị định số 63/2010/NĐ-CP của Chính phủ về kiểm soát thủ tục hành chính;'],
      'Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.', [
        'Điều 1. Công bố kèm theo Quyết định này danh mục 24 thủ tục hành chính lĩnh vực đất đai thuộc thẩm quyền giải quyết của UBND cấp xã.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        EXECUTION('UBND tỉnh'),
      ]),
    recipients: ['Cục Kiểm soát thủ tục hành chính, Văn phòng Chính phủ;', 'Như Điều 3;', 'Lưu: VT, KSTT.'],
    state: 'published',
  },
  {
    site: 'province', number: '2731/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'hanh-chinh', signer: viceLand,
    issuedOn: '2026-09-15',
    summary: 'Về việc công bố danh mục thủ tục hành chính được chuẩn hóa lĩnh vực đất đai thuộc thẩm quyền giải quyết của UBND cấp xã',
    text: decision(PROVINCE_CHAIR_AUTHORITY, [LAW_LOCAL_GOV, 'Căn cứ Nghị định số 63/2010/NĐ-CP của Chính phủ về kiểm soát thủ tục hành chính;'],
      'Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.', [
        'Điều 1. Công bố kèm theo Quyết định này danh mục 26 thủ tục hành chính được chuẩn hóa lĩnh vực đất đai thuộc thẩm quyền giải quyết của UBND cấp xã.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 1890/QĐ-UBND ngày 18 tháng 7 năm 2025 của Chủ tịch UBND tỉnh.',
        EXECUTION('UBND tỉnh'),
      ]),
    recipients: ['Cục Kiểm soát thủ tục hành chính, Văn phòng Chính phủ;', 'Như Điều 3;', 'Lưu: VT, KSTT.'],
    state: 'published',
    relations: [{ kind: 'replaces', number: '1890/QĐ-UBND' }],
  },
  {
    site: 'province', number: '512/TB-UBND', type: 'thong-bao', issuer: 'ubnd', field: 'hanh-chinh', signer: { on: 'TL. Chủ tịch\nKT. Chánh Văn phòng', title: 'Phó Chánh Văn phòng', name: 'Mai Xuân Trường' },
    issuedOn: '2026-11-25',
    summary: 'Kết luận của Chủ tịch UBND tỉnh tại Hội nghị đánh giá một năm vận hành chính quyền địa phương hai cấp',
    body: p(
      'Bộ máy cấp xã sau sắp xếp đã cơ bản ổn định; Trung tâm Phục vụ hành chính công các xã, phường tiếp nhận và giải quyết hồ sơ thông suốt.',
      'Chủ tịch UBND tỉnh yêu cầu các sở, ngành tăng cường hướng dẫn nghiệp vụ cho cấp xã; các xã, phường rà soát, đề xuất bổ sung biên chế, trang thiết bị.',
    ),
    text: [
      'Ngày 20 tháng 11 năm 2026, Chủ tịch UBND tỉnh chủ trì Hội nghị đánh giá một năm vận hành chính quyền địa phương hai cấp, kết nối trực tuyến tới 92 xã, phường. Sau khi nghe báo cáo và ý kiến các đại biểu, Chủ tịch UBND tỉnh kết luận:',
      '1. Bộ máy cấp xã sau sắp xếp đã cơ bản ổn định; Trung tâm Phục vụ hành chính công các xã, phường tiếp nhận và giải quyết hồ sơ thông suốt, tỷ lệ hồ sơ trực tuyến tăng dần qua từng quý.',
      '2. Các sở, ngành tăng cường hướng dẫn nghiệp vụ cho cấp xã, nhất là lĩnh vực đất đai, xây dựng; kịp thời tháo gỡ vướng mắc trong thẩm quyền.',
      '3. UBND các xã, phường rà soát, đề xuất bổ sung biên chế, trang thiết bị; bảo đảm đường truyền tại các xã vùng cao.',
    ],
    recipients: ['Thường trực Tỉnh ủy;', 'Các sở, ban, ngành;', 'UBND các xã, phường;', 'Lưu: VT, TH.'],
    state: 'published',
  },
  {
    site: 'province', number: '389/BC-UBND', type: 'bao-cao', issuer: 'ubnd', field: 'tai-chinh-ngan-sach', signer: viceEconomy,
    issuedOn: '2026-10-28',
    summary: 'Tình hình kinh tế - xã hội tháng 10 và 10 tháng năm 2026',
    text: [
      '1. Sản xuất công nghiệp tiếp tục tăng trưởng; giá trị sản xuất công nghiệp 10 tháng ước tăng 8,2% so với cùng kỳ.',
      '2. Thu ngân sách nhà nước trên địa bàn 10 tháng ước đạt 86% dự toán; chi ngân sách bảo đảm các nhiệm vụ chi thường xuyên và an sinh xã hội.',
      '3. Sản xuất nông nghiệp ổn định; sản lượng chè búp tươi ước đạt 270 nghìn tấn, tăng 3% so với cùng kỳ.',
      '4. Nhiệm vụ trọng tâm tháng 11: đẩy nhanh giải ngân vốn đầu tư công, chuẩn bị kỳ họp cuối năm của HĐND tỉnh.',
    ],
    recipients: ['Văn phòng Chính phủ;', 'Bộ Tài chính;', 'Thường trực Tỉnh ủy, HĐND tỉnh;', 'Lưu: VT, TH.'],
    state: 'published',
  },
  {
    site: 'province', number: '145/TTr-UBND', type: 'to-trinh', issuer: 'ubnd', field: 'tai-chinh-ngan-sach', signer: chairman,
    issuedOn: '2026-11-18',
    summary: 'Về dự toán ngân sách nhà nước tỉnh Thái Nguyên năm 2027',
    text: [
      'Kính gửi: Hội đồng nhân dân tỉnh Thái Nguyên.',
      'Căn cứ Luật Ngân sách nhà nước và hướng dẫn của Bộ Tài chính về xây dựng dự toán năm 2027, UBND tỉnh kính trình HĐND tỉnh xem xét, quyết định dự toán ngân sách nhà nước năm 2027 như sau:',
      '1. Tổng thu ngân sách nhà nước trên địa bàn 21.500 tỷ đồng; thu ngân sách địa phương được hưởng theo phân cấp 17.900 tỷ đồng.',
      '2. Tổng chi ngân sách địa phương 24.300 tỷ đồng, trong đó chi đầu tư phát triển 7.800 tỷ đồng.',
      'UBND tỉnh kính trình HĐND tỉnh xem xét, quyết định.',
    ],
    recipients: ['Như trên;', 'Thường trực Tỉnh ủy;', 'Ban Kinh tế - Ngân sách HĐND tỉnh;', 'Lưu: VT, KT.'],
    state: 'published',
  },
  {
    site: 'province', number: '2150/SGDĐT-GDPT', type: 'cong-van', issuer: 'so-giao-duc-va-dao-tao', field: 'giao-duc-dao-tao', signer: education,
    issuedOn: '2026-08-20',
    summary: 'Hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông năm học 2026 - 2027',
    body: p(
      'Sở Giáo dục và Đào tạo hướng dẫn các trường trung học phổ thông, UBND các xã, phường thực hiện nhiệm vụ giáo dục phổ thông năm học 2026 - 2027.',
      'Các trường tổ chức dạy học 2 buổi/ngày nơi đủ điều kiện; tăng cường giáo dục kỹ năng số, an toàn trên không gian mạng cho học sinh.',
    ),
    text: [
      'Kính gửi: Các trường trung học phổ thông; UBND các xã, phường.',
      'Căn cứ hướng dẫn của Bộ Giáo dục và Đào tạo về nhiệm vụ năm học 2026 - 2027, Sở Giáo dục và Đào tạo hướng dẫn như sau:',
      '1. Tổ chức dạy học 2 buổi/ngày ở những nơi đủ điều kiện về phòng học, giáo viên; không thu tiền học phí đối với học sinh các trường công lập.',
      '2. Tăng cường giáo dục kỹ năng số, an toàn trên không gian mạng; bảo đảm mỗi lớp có ít nhất một tiết trải nghiệm mỗi tháng.',
      '3. Hoàn thành kiểm tra đánh giá giữa học kỳ I trước ngày 15 tháng 11 năm 2026.',
    ],
    recipients: ['Như trên;', 'UBND tỉnh (b/c);', 'Lưu: VT, GDPT.'],
    state: 'published',
  },
  {
    site: 'province', number: '1876/SYT-NVY', type: 'cong-van', issuer: 'so-y-te', field: 'y-te', signer: health,
    issuedOn: '2026-09-05',
    summary: 'Tăng cường công tác phòng, chống sốt xuất huyết và bệnh tay chân miệng',
    text: [
      'Kính gửi: Trung tâm Kiểm soát bệnh tật tỉnh; các bệnh viện; UBND các xã, phường.',
      'Từ đầu năm đến nay, toàn tỉnh ghi nhận 312 ca sốt xuất huyết và 145 ca tay chân miệng, tăng so với cùng kỳ. Để chủ động kiểm soát dịch bệnh, Sở Y tế đề nghị:',
      '1. Tổ chức chiến dịch diệt bọ gậy, loăng quăng tại các khu dân cư; giám sát chặt chẽ ổ dịch cũ.',
      '2. Các bệnh viện bố trí khu vực tiếp nhận, phân luồng bệnh nhân; bảo đảm thuốc, dịch truyền, vật tư cấp cứu.',
    ],
    recipients: ['Như trên;', 'UBND tỉnh (b/c);', 'Lưu: VT, NVY.'],
    state: 'published',
  },
  {
    site: 'province', number: '3012/SXD-QLGT', type: 'cong-van', issuer: 'so-xay-dung', field: 'giao-thong', signer: construction,
    issuedOn: '2026-11-26',
    summary: 'Bảo đảm trật tự, an toàn giao thông dịp Tết Dương lịch và Tết Nguyên đán Đinh Mùi 2027',
    text: [
      'Kính gửi: Các doanh nghiệp kinh doanh vận tải; các bến xe khách; UBND các xã, phường.',
      'Để phục vụ nhu cầu đi lại của Nhân dân dịp Tết Dương lịch và Tết Nguyên đán Đinh Mùi 2027, Sở Xây dựng đề nghị:',
      '1. Các doanh nghiệp vận tải xây dựng phương án tăng chuyến, niêm yết giá vé; không chở quá số người quy định.',
      '2. Các đơn vị quản lý đường bộ kiểm tra, sửa chữa biển báo, đèn tín hiệu; xử lý kịp thời các điểm đen về tai nạn giao thông trên các tuyến quốc lộ 3, quốc lộ 37.',
    ],
    recipients: ['Như trên;', 'Ban An toàn giao thông tỉnh;', 'Lưu: VT, QLGT.'],
    state: 'published',
  },
  {
    site: 'province', number: '1542/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'giao-duc-dao-tao', signer: viceEconomy,
    issuedOn: '2026-03-10', expiresOn: '2026-09-01',
    summary: 'Về việc phê duyệt Kế hoạch tuyển sinh vào lớp 10 trung học phổ thông năm học 2026 - 2027',
    text: decision(PROVINCE_CHAIR_AUTHORITY, [LAW_LOCAL_GOV, 'Căn cứ Quy chế tuyển sinh trung học cơ sở và tuyển sinh trung học phổ thông của Bộ Giáo dục và Đào tạo;'],
      'Theo đề nghị của Giám đốc Sở Giáo dục và Đào tạo.', [
        'Điều 1. Phê duyệt Kế hoạch tuyển sinh vào lớp 10 trung học phổ thông năm học 2026 - 2027: tổ chức thi tuyển với ba môn Ngữ văn, Toán, Tiếng Anh vào đầu tháng 6 năm 2026.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        EXECUTION('UBND tỉnh'),
      ]),
    recipients: ['Bộ Giáo dục và Đào tạo;', 'Như Điều 3;', 'Lưu: VT, KGVX.'],
    state: 'published',
  },
  {
    site: 'province', number: '15/2026/NQ-HĐND', type: 'nghi-quyet', issuer: 'hdnd', field: 'y-te', signer: provinceCouncil,
    issuedOn: '2026-07-15', effectiveOn: '2026-08-01',
    summary: 'Quy định mức hỗ trợ đóng bảo hiểm y tế cho một số nhóm đối tượng trên địa bàn tỉnh Thái Nguyên',
    text: resolution(`${PROVINCE_COUNCIL} NĂM`, [LAW_LOCAL_GOV, LAW_LEGAL_DOCS, 'Căn cứ Luật Bảo hiểm y tế;'], [
      'Điều 1. Hỗ trợ thêm 20% mức đóng bảo hiểm y tế cho người thuộc hộ gia đình cận nghèo và 30% cho học sinh, sinh viên đang học tập trên địa bàn tỉnh.',
      'Điều 2. Kinh phí thực hiện từ ngân sách tỉnh. Nghị quyết có hiệu lực từ ngày 01 tháng 8 năm 2026.',
    ]),
    recipients: ['Ủy ban Thường vụ Quốc hội;', 'Chính phủ;', 'Bộ Y tế;', 'UBND tỉnh;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'province', number: '3105/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'nong-nghiep', signer: chairman,
    issuedOn: '2026-11-27', publishAt: '2026-12-01T08:00:00+07:00',
    summary: 'Về việc công nhận xã Tân Cương đạt chuẩn nông thôn mới nâng cao năm 2026',
    text: decision(PROVINCE_CHAIR_AUTHORITY, [LAW_LOCAL_GOV, 'Căn cứ Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao giai đoạn 2026 - 2030;'],
      'Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.', [
        'Điều 1. Công nhận xã Tân Cương đạt chuẩn nông thôn mới nâng cao năm 2026.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        EXECUTION('UBND tỉnh'),
      ]),
    recipients: ['Văn phòng Điều phối nông thôn mới Trung ương;', 'UBND xã Tân Cương;', 'Như Điều 3;', 'Lưu: VT, KT.'],
    state: 'published',
  },
  {
    site: 'province', number: '…/2026/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'khoa-hoc-cong-nghe', signer: chairman,
    issuedOn: '2026-11-28',
    summary: 'Dự thảo: Ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh Thái Nguyên và các cổng thành phần',
    text: decision(PROVINCE_AUTHORITY, [LAW_LOCAL_GOV, 'Căn cứ Nghị định số 42/2022/NĐ-CP của Chính phủ về cung cấp thông tin và dịch vụ công trực tuyến;'],
      'Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.', [
        'Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý, vận hành Cổng thông tin điện tử tỉnh và các cổng thành phần của các sở, ngành, xã, phường.',
        'Điều 2. Quyết định này có hiệu lực từ ngày … tháng … năm 2027.',
      ]),
    recipients: ['Như Điều 3;', 'Lưu: VT.'],
    state: 'draft',
  },
];

// ---------------------------------------------------------------------------------------------------
// xã Tân Cương (formed 1 July 2025; its council's first term under the new map ends with the 2026 elections).

const tancuong: DemoDocument[] = [
  {
    site: 'tancuong', number: '01/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'hanh-chinh', signer: communeChair,
    issuedOn: '2025-07-01', expiresOn: '2026-04-20',
    summary: 'Về việc ban hành Quy chế làm việc của Ủy ban nhân dân xã Tân Cương',
    text: decision(COMMUNE_CHAIR_AUTHORITY.replace('CHỦ TỊCH ', ''), [LAW_LOCAL_GOV, 'Căn cứ Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp các đơn vị hành chính cấp xã của tỉnh Thái Nguyên năm 2025;'],
      'Theo đề nghị của Chánh Văn phòng HĐND và UBND xã.', [
        'Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân xã Tân Cương.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        EXECUTION('HĐND và UBND xã'),
      ]),
    recipients: ['UBND tỉnh (b/c);', 'Thường trực Đảng ủy, HĐND xã;', 'Như Điều 3;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '86/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'hanh-chinh', signer: communeChair,
    issuedOn: '2026-04-15', effectiveOn: '2026-04-20',
    summary: 'Về việc ban hành Quy chế làm việc của Ủy ban nhân dân xã Tân Cương nhiệm kỳ 2026 - 2031',
    text: decision(COMMUNE_CHAIR_AUTHORITY.replace('CHỦ TỊCH ', ''), [LAW_LOCAL_GOV],
      'Theo đề nghị của Chánh Văn phòng HĐND và UBND xã.', [
        'Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân xã Tân Cương nhiệm kỳ 2026 - 2031.',
        'Điều 2. Quyết định này có hiệu lực từ ngày 20 tháng 4 năm 2026 và thay thế Quyết định số 01/QĐ-UBND ngày 01 tháng 7 năm 2025.',
        EXECUTION('HĐND và UBND xã'),
      ]),
    recipients: ['UBND tỉnh (b/c);', 'Thường trực Đảng ủy, HĐND xã;', 'Như Điều 3;', 'Lưu: VT.'],
    state: 'published',
    relations: [{ kind: 'replaces', number: '01/QĐ-UBND' }],
  },
  {
    site: 'tancuong', number: '98/TTr-UBND', type: 'to-trinh', issuer: 'ubnd', field: 'tai-chinh-ngan-sach', signer: communeChair,
    issuedOn: '2025-12-05',
    summary: 'Đề nghị Hội đồng nhân dân xã quyết định dự toán thu, chi ngân sách xã năm 2026',
    text: [
      'Kính gửi: Hội đồng nhân dân xã Tân Cương.',
      'UBND xã kính trình HĐND xã xem xét, quyết định dự toán ngân sách năm 2026: tổng thu ngân sách xã 38,6 tỷ đồng; tổng chi ngân sách xã 38,6 tỷ đồng, trong đó chi đầu tư phát triển 9,2 tỷ đồng.',
      'Kính trình HĐND xã xem xét, quyết định.',
    ],
    recipients: ['Như trên;', 'Thường trực Đảng ủy xã;', 'Lưu: VT, TC.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '12/NQ-HĐND', type: 'nghi-quyet', issuer: 'hdnd', field: 'tai-chinh-ngan-sach', signer: communeCouncil,
    issuedOn: '2025-12-18', effectiveOn: '2026-01-01', expiresOn: '2027-01-01',
    summary: 'Về dự toán thu, chi ngân sách xã Tân Cương năm 2026',
    text: resolution('HỘI ĐỒNG NHÂN DÂN XÃ TÂN CƯƠNG, KỲ HỌP THỨ TƯ', [LAW_LOCAL_GOV, 'Căn cứ Luật Ngân sách nhà nước;', 'Xét Tờ trình số 98/TTr-UBND ngày 05 tháng 12 năm 2025 của UBND xã.'], [
      'Điều 1. Quyết định dự toán thu ngân sách xã năm 2026 là 38,6 tỷ đồng; dự toán chi ngân sách xã là 38,6 tỷ đồng.',
      'Điều 2. Giao UBND xã tổ chức thực hiện. Nghị quyết có hiệu lực từ ngày 01 tháng 01 năm 2026.',
    ]),
    recipients: ['UBND tỉnh;', 'Sở Tài chính;', 'Thường trực Đảng ủy xã;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '45/KH-UBND', type: 'ke-hoach', issuer: 'ubnd', field: 'van-hoa-xa-hoi', signer: communeVice,
    issuedOn: '2026-09-20',
    summary: 'Tổ chức Tuần lễ Văn hóa Trà xã Tân Cương năm 2026',
    text: [
      heading('I. MỤC ĐÍCH, YÊU CẦU'),
      'Quảng bá sản phẩm chè Tân Cương, giới thiệu du lịch trải nghiệm vùng chè; tổ chức an toàn, tiết kiệm, thu hút đông đảo Nhân dân và du khách.',
      heading('II. THỜI GIAN, ĐỊA ĐIỂM'),
      'Từ ngày 14 đến hết ngày 20 tháng 11 năm 2026, tại Nhà văn hóa trung tâm xã và các đồi chè.',
      heading('III. NỘI DUNG'),
      'Khai mạc Tuần lễ; trưng bày sản phẩm chè xanh, chè đinh, chè nõn tôm; trải nghiệm hái chè, sao chè thủ công; Hội thi pha trà.',
    ],
    recipients: ['UBND tỉnh (b/c);', 'Sở Văn hóa, Thể thao và Du lịch;', 'Các hợp tác xã chè;', 'Lưu: VT, VHXH.'],
    state: 'published',
    annex: {
      file: 'Phụ lục chương trình Tuần lễ Văn hóa Trà 2026',
      kind: 'Phụ lục',
      title: 'Chương trình Tuần lễ Văn hóa Trà năm 2026',
      text: [
        'Ngày 14/11: 20 giờ, lễ khai mạc và chương trình nghệ thuật "Hương trà Tân Cương".',
        'Ngày 15 - 17/11: trưng bày sản phẩm OCOP; tọa đàm về sản xuất chè hữu cơ và truy xuất nguồn gốc.',
        'Ngày 18/11: Hội thi pha trà nghệ thuật và Hội thi sao chè bằng chảo gang.',
        'Ngày 20/11: bế mạc, trao giải và trao chứng nhận cho các nghệ nhân.',
      ],
    },
  },
  {
    site: 'tancuong', number: '52/KH-UBND', type: 'ke-hoach', issuer: 'ubnd', field: 'van-hoa-xa-hoi', signer: communeVice,
    issuedOn: '2026-10-25',
    summary: 'Điều chỉnh, bổ sung một số nội dung Kế hoạch số 45/KH-UBND tổ chức Tuần lễ Văn hóa Trà năm 2026',
    text: [
      'Để phù hợp với tình hình thời tiết và lịch làm việc của các đoàn khách, UBND xã điều chỉnh, bổ sung Kế hoạch số 45/KH-UBND như sau:',
      '1. Chuyển Hội thi sao chè bằng chảo gang từ ngày 18/11 sang ngày 19/11 năm 2026.',
      '2. Bổ sung hoạt động "Đêm trà dưới trăng" tại đồi chè xóm Hồng Thái vào tối ngày 17/11.',
      'Các nội dung khác giữ nguyên theo Kế hoạch số 45/KH-UBND.',
    ],
    recipients: ['Các thành viên Ban Tổ chức;', 'Các hợp tác xã chè;', 'Lưu: VT, VHXH.'],
    state: 'published',
    relations: [{ kind: 'amends', number: '45/KH-UBND' }],
  },
  {
    site: 'tancuong', number: '356/UBND-KT', type: 'cong-van', issuer: 'ubnd', field: 'nong-nghiep', signer: communeVice,
    issuedOn: '2026-11-18',
    summary: 'Khuyến cáo sử dụng thuốc bảo vệ thực vật an toàn trên chè vụ Đông',
    body: p(
      'UBND xã Tân Cương khuyến cáo các hộ trồng chè bảo đảm thời gian cách ly khi sử dụng thuốc bảo vệ thực vật trong vụ chè Đông.',
      'Các hộ chỉ sử dụng thuốc có trong danh mục được phép, ưu tiên chế phẩm sinh học; ghi chép nhật ký sản xuất.',
    ),
    text: [
      'Kính gửi: Trưởng các xóm; các hợp tác xã, tổ hợp tác chè.',
      'Để bảo đảm an toàn thực phẩm và uy tín thương hiệu chè Tân Cương, UBND xã đề nghị:',
      '1. Chỉ sử dụng thuốc bảo vệ thực vật có trong danh mục được phép sử dụng tại Việt Nam, ưu tiên chế phẩm sinh học; không thu hái chè trong thời gian cách ly ghi trên nhãn thuốc.',
      '2. Ghi chép nhật ký sản xuất; tổ khuyến nông cộng đồng kiểm tra ngẫu nhiên và hỗ trợ lấy mẫu kiểm tra dư lượng khi có yêu cầu.',
    ],
    recipients: ['Như trên;', 'Lưu: VT, KT.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '03/HD-UBND', type: 'huong-dan', issuer: 'ubnd', field: 'hanh-chinh', signer: communeVice,
    issuedOn: '2025-08-12',
    summary: 'Nộp hồ sơ thủ tục hành chính trực tuyến tại Trung tâm Phục vụ hành chính công xã',
    body: p(
      'Người dân đăng nhập Cổng dịch vụ công quốc gia bằng tài khoản định danh điện tử VNeID mức độ 2, chọn thủ tục, điền tờ khai và đính kèm giấy tờ.',
      'Trung tâm Phục vụ hành chính công xã bố trí cán bộ hướng dẫn trực tiếp từ thứ Hai đến sáng thứ Bảy hằng tuần.',
    ),
    text: [
      '1. Đăng nhập Cổng dịch vụ công quốc gia bằng tài khoản định danh điện tử VNeID mức độ 2.',
      '2. Chọn thủ tục cần thực hiện (chứng thực, đăng ký khai sinh, đăng ký kết hôn, xác nhận tình trạng hôn nhân), điền tờ khai và đính kèm bản chụp giấy tờ.',
      '3. Thanh toán phí, lệ phí trực tuyến (nếu có); theo dõi tiến độ và nhận kết quả trực tuyến hoặc qua bưu chính.',
      'Trung tâm Phục vụ hành chính công xã bố trí cán bộ hướng dẫn trực tiếp từ thứ Hai đến sáng thứ Bảy hằng tuần.',
    ],
    recipients: ['Trung tâm Phục vụ hành chính công xã;', 'Trưởng các xóm;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '78/TB-UBND', type: 'thong-bao', issuer: 'ubnd', field: 'hanh-chinh', signer: communeChair,
    issuedOn: '2026-01-05', expiresOn: '2027-01-01',
    summary: 'Lịch tiếp công dân định kỳ của Chủ tịch UBND xã Tân Cương năm 2026',
    text: [
      'Chủ tịch UBND xã tiếp công dân định kỳ vào ngày 10 và ngày 25 hằng tháng tại Trụ sở tiếp công dân xã; nếu trùng ngày nghỉ thì chuyển sang ngày làm việc tiếp theo.',
      'Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh mang theo căn cước và các giấy tờ liên quan.',
    ],
    recipients: ['Thường trực Đảng ủy, HĐND xã;', 'Ủy ban MTTQ Việt Nam xã;', 'Trưởng các xóm;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '289/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'van-hoa-xa-hoi', signer: communeChair,
    issuedOn: '2025-12-22',
    summary: 'Về việc công nhận danh sách hộ nghèo, hộ cận nghèo trên địa bàn xã Tân Cương năm 2026',
    text: decision(COMMUNE_CHAIR_AUTHORITY, [LAW_LOCAL_GOV, 'Căn cứ Nghị định của Chính phủ quy định chuẩn nghèo đa chiều giai đoạn 2026 - 2030;'],
      'Theo kết quả rà soát hộ nghèo, hộ cận nghèo cuối năm 2025 của Ban chỉ đạo xã.', [
        'Điều 1. Công nhận 41 hộ nghèo và 87 hộ cận nghèo trên địa bàn xã Tân Cương năm 2026 (có danh sách kèm theo).',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 01 năm 2026.',
        EXECUTION('HĐND và UBND xã'),
      ]),
    recipients: ['Sở Nội vụ;', 'Như Điều 3;', 'Lưu: VT, VHXH.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '112/BC-UBND', type: 'bao-cao', issuer: 'ubnd', field: 'tai-chinh-ngan-sach', signer: communeChair,
    issuedOn: '2026-09-28',
    summary: 'Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 9 tháng, phương hướng nhiệm vụ 3 tháng cuối năm 2026',
    text: [
      '1. Thu ngân sách 9 tháng đạt 79% dự toán; sản lượng chè búp tươi ước đạt 19.800 tấn.',
      '2. Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến đạt 68%; 100% hồ sơ giải quyết đúng hạn.',
      '3. Ba tháng cuối năm: tổ chức thành công Tuần lễ Văn hóa Trà; hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới nâng cao.',
    ],
    recipients: ['UBND tỉnh;', 'Thường trực Đảng ủy, HĐND xã;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '02/CT-UBND', type: 'chi-thi', issuer: 'ubnd', field: 'tai-nguyen-moi-truong', signer: communeChair,
    issuedOn: '2026-11-10',
    summary: 'Về tăng cường công tác phòng cháy, chữa cháy rừng mùa hanh khô 2026 - 2027',
    text: [
      'Mùa hanh khô năm 2026 - 2027 dự báo kéo dài, nguy cơ cháy rừng ở mức cao tại các khu rừng sản xuất giáp ranh hồ Núi Cốc. Chủ tịch UBND xã chỉ thị:',
      '1. Trưởng các xóm tuyên truyền người dân không đốt nương, đốt thực bì khi có cảnh báo cháy rừng cấp IV, cấp V.',
      '2. Tổ đội phòng cháy, chữa cháy rừng trực 24/24 giờ trong thời gian cao điểm; chuẩn bị dụng cụ, phương tiện chữa cháy tại chỗ.',
    ],
    recipients: ['Hạt Kiểm lâm khu vực;', 'Công an xã;', 'Trưởng các xóm;', 'Lưu: VT, KT.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '02/2026/NQ-HĐND', type: 'nghi-quyet', issuer: 'hdnd', field: 'nong-nghiep', signer: communeCouncil,
    issuedOn: '2026-11-24', effectiveOn: '2027-01-01',
    summary: 'Quy định chính sách hỗ trợ phát triển vùng chè đặc sản Tân Cương giai đoạn 2027 - 2030',
    text: resolution('HỘI ĐỒNG NHÂN DÂN XÃ TÂN CƯƠNG KHÓA I, KỲ HỌP THỨ BA', [LAW_LOCAL_GOV, LAW_LEGAL_DOCS, 'Căn cứ Nghị quyết số 22/2025/NQ-HĐND của HĐND tỉnh Thái Nguyên;'], [
      'Điều 1. Hỗ trợ hộ gia đình trồng chè đặc sản Tân Cương theo quy trình hữu cơ 10 triệu đồng mỗi héc-ta mỗi năm, trong 3 năm đầu chuyển đổi.',
      'Điều 2. Nghị quyết có hiệu lực từ ngày 01 tháng 01 năm 2027.',
    ]),
    recipients: ['HĐND tỉnh, UBND tỉnh;', 'Sở Tư pháp;', 'Thường trực Đảng ủy xã;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'tancuong', number: '…/KH-UBND', type: 'ke-hoach', issuer: 'ubnd', field: 'van-hoa-xa-hoi', signer: communeVice,
    issuedOn: '2026-11-27',
    summary: 'Dự thảo: Tổ chức Hội thi pha trà năm 2027',
    text: [
      'Dự thảo lấy ý kiến các hợp tác xã chè và các nghệ nhân; chưa ban hành.',
      'Hội thi dự kiến tổ chức trong tháng 11 năm 2027, gồm phần thi pha trà truyền thống và pha trà sáng tạo.',
    ],
    recipients: ['Lưu: VT.'],
    state: 'draft',
  },
];

// ---------------------------------------------------------------------------------------------------
// The former district of Đồng Hỷ (site 1): documents from before districts ended on 1 July 2025.

const dongy: DemoDocument[] = [
  {
    site: 'dongy', number: '85/KH-UBND', type: 'ke-hoach', issuer: 'ubnd', field: 'hanh-chinh', signer: districtVice,
    issuedOn: '2024-01-22', expiresOn: '2025-01-01',
    summary: 'Cải cách hành chính huyện Đồng Hỷ năm 2024',
    text: [
      heading('I. MỤC TIÊU'),
      'Nâng chỉ số cải cách hành chính của huyện lên nhóm khá của tỉnh; tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 50%.',
      heading('II. NHIỆM VỤ'),
      'Rà soát, đơn giản hóa thủ tục hành chính; số hóa kết quả giải quyết thủ tục hành chính; kiểm tra công vụ tại các xã, thị trấn.',
    ],
    recipients: ['UBND tỉnh (b/c);', 'Sở Nội vụ;', 'UBND các xã, thị trấn;', 'Lưu: VT, NV.'],
    state: 'published',
  },
  {
    site: 'dongy', number: '1520/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'dat-dai-xay-dung', signer: districtChair,
    issuedOn: '2024-04-10', expiresOn: '2025-01-15',
    summary: 'Về việc phê duyệt Kế hoạch sử dụng đất năm 2024 huyện Đồng Hỷ',
    text: decision(DISTRICT_CHAIR_AUTHORITY, ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;', 'Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;'],
      'Theo đề nghị của Trưởng phòng Tài nguyên và Môi trường huyện.', [
        'Điều 1. Phê duyệt Kế hoạch sử dụng đất năm 2024 huyện Đồng Hỷ với tổng diện tích đất thu hồi 42,5 héc-ta, đất chuyển mục đích sử dụng 61,3 héc-ta.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        EXECUTION('HĐND và UBND huyện'),
      ]),
    recipients: ['UBND tỉnh (b/c);', 'Sở Tài nguyên và Môi trường;', 'Như Điều 3;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'dongy', number: '2210/QĐ-UBND', type: 'quyet-dinh', issuer: 'ubnd', field: 'dat-dai-xay-dung', signer: districtChair,
    issuedOn: '2025-01-10', effectiveOn: '2025-01-15', expiresOn: '2026-01-01',
    summary: 'Về việc phê duyệt Kế hoạch sử dụng đất năm 2025 huyện Đồng Hỷ',
    text: decision(DISTRICT_CHAIR_AUTHORITY, ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;', 'Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;'],
      'Theo đề nghị của Trưởng phòng Tài nguyên và Môi trường huyện.', [
        'Điều 1. Phê duyệt Kế hoạch sử dụng đất năm 2025 huyện Đồng Hỷ với tổng diện tích đất thu hồi 38,1 héc-ta, đất chuyển mục đích sử dụng 55,0 héc-ta.',
        'Điều 2. Quyết định này có hiệu lực từ ngày 15 tháng 01 năm 2025 và thay thế Quyết định số 1520/QĐ-UBND ngày 10 tháng 4 năm 2024.',
        EXECUTION('HĐND và UBND huyện'),
      ]),
    recipients: ['UBND tỉnh (b/c);', 'Sở Tài nguyên và Môi trường;', 'Như Điều 3;', 'Lưu: VT.'],
    state: 'published',
    relations: [{ kind: 'replaces', number: '1520/QĐ-UBND' }],
  },
  {
    site: 'dongy', number: '12/CT-UBND', type: 'chi-thi', issuer: 'ubnd', field: 'quoc-phong-an-ninh', signer: districtChair,
    issuedOn: '2024-08-05',
    summary: 'Về tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão năm 2024',
    text: [
      'Mùa mưa bão năm 2024 diễn biến phức tạp, nguy cơ lũ quét, sạt lở đất tại các xã vùng cao của huyện. Chủ tịch UBND huyện chỉ thị:',
      '1. UBND các xã, thị trấn rà soát khu dân cư có nguy cơ sạt lở, chủ động di dời hộ dân khi có cảnh báo.',
      '2. Lực lượng quân sự, công an huyện sẵn sàng phương tiện tìm kiếm cứu nạn theo phương châm bốn tại chỗ.',
    ],
    recipients: ['UBND tỉnh (b/c);', 'Ban Chỉ huy Quân sự huyện;', 'UBND các xã, thị trấn;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'dongy', number: '35/BC-UBND', type: 'bao-cao', issuer: 'ubnd', field: 'hanh-chinh', signer: districtChair,
    issuedOn: '2025-06-16',
    summary: 'Tổng kết hoạt động của Ủy ban nhân dân huyện Đồng Hỷ giai đoạn 2021 - 2025',
    text: [
      'Giai đoạn 2021 - 2025, kinh tế của huyện tăng trưởng bình quân 9,1% mỗi năm; thu ngân sách trên địa bàn năm 2024 đạt 420 tỷ đồng.',
      'Đến tháng 6 năm 2025, huyện có 11 xã đạt chuẩn nông thôn mới, 4 xã đạt chuẩn nông thôn mới nâng cao; vùng chè của huyện được mở rộng, nhiều sản phẩm đạt chuẩn OCOP.',
      'Thực hiện chủ trương tổ chức chính quyền địa phương hai cấp, UBND huyện kết thúc hoạt động từ ngày 01 tháng 7 năm 2025; nhiệm vụ được chuyển giao cho UBND tỉnh và các xã mới.',
    ],
    recipients: ['UBND tỉnh;', 'Thường trực Huyện ủy, HĐND huyện;', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'dongy', number: '456/UBND-VP', type: 'cong-van', issuer: 'ubnd', field: 'hanh-chinh', signer: districtVice,
    issuedOn: '2025-06-20',
    summary: 'Bàn giao hồ sơ, tài liệu, tài sản khi kết thúc hoạt động của chính quyền địa phương cấp huyện',
    body: 'Các phòng, ban chuyên môn và đơn vị sự nghiệp thuộc huyện hoàn thành việc lập danh mục, bàn giao hồ sơ, tài liệu, tài sản cho cơ quan tiếp nhận trước ngày 30 tháng 6 năm 2025.',
    text: [
      'Kính gửi: Các phòng, ban chuyên môn và đơn vị sự nghiệp thuộc UBND huyện; UBND các xã, thị trấn.',
      'Thực hiện chủ trương kết thúc hoạt động của chính quyền địa phương cấp huyện từ ngày 01 tháng 7 năm 2025, UBND huyện yêu cầu:',
      '1. Lập danh mục hồ sơ, tài liệu đang giải quyết và đã giải quyết; bàn giao cho cơ quan tiếp nhận theo phương án của UBND tỉnh trước ngày 30 tháng 6 năm 2025.',
      '2. Kiểm kê tài sản, trang thiết bị, trụ sở; lập biên bản bàn giao có xác nhận của các bên.',
    ],
    recipients: ['Như trên;', 'UBND tỉnh (b/c);', 'Lưu: VT.'],
    state: 'published',
  },
  {
    site: 'dongy', number: '201/TB-UBND', type: 'thong-bao', issuer: 'ubnd', field: 'hanh-chinh', signer: districtVice,
    issuedOn: '2025-06-27',
    summary: 'Dừng cập nhật Cổng thông tin điện tử huyện Đồng Hỷ từ ngày 01/7/2025',
    body: 'Từ ngày 01/7/2025, Cổng thông tin điện tử huyện Đồng Hỷ dừng cập nhật tin bài mới; thông tin được lưu trữ để tra cứu. Người dân theo dõi thông tin của tỉnh và các xã mới trên Cổng thông tin điện tử tỉnh Thái Nguyên.',
    text: [
      'Thực hiện chủ trương tổ chức chính quyền địa phương hai cấp, UBND huyện Đồng Hỷ thông báo: từ ngày 01 tháng 7 năm 2025, Cổng thông tin điện tử huyện Đồng Hỷ dừng cập nhật tin bài mới.',
      'Tin bài, văn bản đã đăng được lưu trữ để Nhân dân tra cứu. Thông tin của tỉnh và các xã mới được đăng tải trên Cổng thông tin điện tử tỉnh Thái Nguyên và cổng thành phần của các xã, phường.',
    ],
    recipients: ['UBND tỉnh (b/c);', 'UBND các xã, thị trấn;', 'Lưu: VT.'],
    state: 'published',
  },
];

/** Every demo document, by site: the province's, Tân Cương's and the former district's. */
export const demoDocuments: DemoDocument[] = [...province, ...tancuong, ...dongy];

/** When the portal published a document: the working day after it was issued, at 8:30 Vietnam time (or as given). */
export function publishAtOf(d: DemoDocument): string {
  if (d.publishAt) return d.publishAt;
  const day = new Date(`${d.issuedOn}T08:30:00+07:00`);
  day.setUTCDate(day.getUTCDate() + (new Date(`${d.issuedOn}T12:00:00+07:00`).getUTCDay() === 5 ? 3 : 1));
  return `${day.toISOString().slice(0, 10)}T08:30:00+07:00`;
}

/** How an annex names the authority of its document. */
const ISSUER_NAMES: Record<DemoDocumentSite, Record<string, string>> = {
  province: { ubnd: 'UBND tỉnh Thái Nguyên', hdnd: 'HĐND tỉnh Thái Nguyên' },
  tancuong: { ubnd: 'UBND xã Tân Cương', hdnd: 'HĐND xã Tân Cương' },
  dongy: { ubnd: 'UBND huyện Đồng Hỷ' },
};

/** "Nguyễn Văn A (Chủ tịch)", as the signer is stored. */
export const signerLine = (s: DemoSigner) => `${s.name} (${s.title})`;

/** A Công văn prints its summary under the number as "V/v ..." (lower case first letter). */
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** The PDF files of a document: its own, and its annex if it has one. */
export function demoDocumentFiles(d: DemoDocument): { name: string; spec: PdfSpec }[] {
  const facts = DEMO_DOCUMENT_SITES[d.site];
  const head = facts.issuers[d.issuer];
  if (!head) throw new Error(`Demo document ${d.number}: site ${d.site} has no issuer heading for ${d.issuer}`);
  const typeName = DEMO_TYPE_NAMES[d.type];
  const base: PdfSpec = {
    parent: head.parent,
    issuer: head.header,
    number: d.number,
    place: facts.place,
    issuedOn: d.issuedOn,
    type: typeName,
    summary: d.type === 'cong-van' ? lowerFirst(d.summary) : d.summary.replace(/^Dự thảo: /, ''),
    paragraphs: d.text,
    signer: { on: d.signer.on, title: d.signer.title, name: d.signer.name },
    recipients: d.recipients,
    draft: d.state === 'draft',
  };
  const safeNumber = d.number.replace(/[\\/:*?"<>|…]+/g, '-').replace(/^-+/, '');
  const files = [{ name: `${d.state === 'draft' ? 'Dự thảo ' : ''}${typeName} ${safeNumber}.pdf`, spec: base }];
  if (d.annex) {
    files.push({
      name: `${d.annex.file}.pdf`,
      spec: {
        ...base, type: d.annex.kind, summary: d.annex.title, paragraphs: d.annex.text, recipients: [],
        attachedTo: `(Kèm theo ${typeName} số ${d.number} ${vietnameseDate(d.issuedOn)} của ${ISSUER_NAMES[d.site][d.issuer] ?? head.header.replace('\n', ' ')})`,
      },
    });
  }
  return files;
}
