// The reader site's constants: every Vietnamese UI string, page sizes, and the lines of the first site
// upgraded from one-site data (PORTAL). Each site's name, subtitle, logo and colour come from the site
// registry (Astro.locals.site; lib/site-look.ts), so one build serves every portal.

/** Articles per page on the home page, category and tag lists. */
export const LIST_PAGE_SIZE = 12;
/** Articles in each category block of the home page. */
export const HOME_BLOCK_SIZE = 4;
/** Commune articles in a province home's "Tin từ cơ sở" section (featured ones come on top of these). */
export const ROLLUP_HOME_SIZE = 6;
/** "Tin liên quan" under an article (functions/data/related.ts: the editor's list, or by tags and category). */
export const RELATED_SIZE = 5;
/** Search results per page. */
export const SEARCH_PAGE_SIZE = 10;
/** Longest search query kept (characters): longer input is cut, not refused. */
export const SEARCH_MAX_LENGTH = 120;

/** Query parameters of the reader pages. */
export const PARAM = {
  /** Keyset cursor of a "newest first" list: the page starts after this article. */
  after: 'sau',
  query: 'q',
  page: 'trang',
  /** The documents registry's filters (/van-ban): the managed lists' slugs, the year, the legal status. */
  documentType: 'loai',
  documentIssuer: 'co-quan',
  documentField: 'linh-vuc',
  documentYear: 'nam',
  documentStatus: 'hieu-luc',
} as const;

export const THEME_COLOR = '#8e1a1a';
export const LOGIN_PATH = '/admin/login';
export const SEARCH_PATH = '/tim-kiem';
/** The index of every tag of the site (issue 12). */
export const TAG_INDEX_PATH = '/the';
export const FEEDS = { json: '/feed.json', rss: '/rss.xml' } as const;

export const PORTAL = {
  tagline: 'Cơ quan chủ quản: Ủy ban nhân dân huyện Đồng Hỷ, tỉnh Thái Nguyên',
  address: 'Địa chỉ: Ủy ban nhân dân huyện Đồng Hỷ, tỉnh Thái Nguyên',
  description:
    'Tin tức, sự kiện, cải cách hành chính, kinh tế, văn hóa - xã hội của huyện Đồng Hỷ, tỉnh Thái Nguyên: thông tin chính thức từ chính quyền địa phương.',
  locale: 'vi_VN',
};

export const UI = {
  skipLink: 'Truy cập nội dung luôn',
  login: 'Đăng nhập',
  home: 'Trang chủ',
  menuLabel: 'Chuyên mục',
  breadcrumbLabel: 'Đường dẫn',
  searchLabel: 'Tìm kiếm trên trang',
  searchPlaceholder: 'Nhập từ khóa…',
  searchButton: 'Tìm kiếm',
  latest: 'Tin mới nhất',
  latestMore: 'Tin mới nhất (tiếp theo)',
  viewCategory: (name: string) => `Xem tất cả tin ${name}`,
  empty: 'Chưa có bài viết nào.',
  pagerLabel: 'Phân trang',
  newer: 'Tin mới hơn',
  older: 'Xem thêm',
  firstPage: 'Về trang đầu',
  continued: (title: string) => `${title} (tiếp theo)`,
  categoryCount: (n: number) => `${n.toLocaleString('vi-VN')} bài viết`,
  tagHeading: (name: string) => `Thẻ: ${name}`,
  tagDescription: (name: string) => `Các bài viết gắn thẻ “${name}”.`,
  tagsTitle: 'Từ khóa',
  tagIndexTitle: 'Các thẻ',
  tagIndexDescription: (site: string) => `Tất cả các thẻ của ${site} theo thứ tự chữ cái, với số bài viết mỗi thẻ.`,
  tagIndexEmpty: 'Chưa có thẻ nào.',
  tagIndexCount: (name: string, n: number) => `${name}: ${n.toLocaleString('vi-VN')} bài viết`,
  subcategoriesLabel: (name: string) => `Chuyên mục con của ${name}`,
  published: 'Ngày đăng',
  updated: 'Cập nhật',
  related: 'Tin liên quan',
  feedsTitle: 'Nhận tin',
  jsonFeed: 'JSON Feed',
  rss: 'RSS',
  feedOf: (name: string) => `${name}: JSON Feed`,
  rssOf: (name: string) => `${name}: RSS`,
  statsTitle: 'Thống kê truy cập',
  statsOnline: 'Đang truy cập',
  statsTotal: 'Tổng truy cập',
  statsToday: 'Hôm nay',
  footerRights: 'Ghi rõ nguồn khi phát hành lại thông tin từ trang này.',
  rollupTitle: 'Tin từ cơ sở',
  rollupMore: 'Xem tất cả tin từ cơ sở',
  rollupMoreTitle: 'Tin từ cơ sở (tiếp theo)',
  rollupDescription: (name: string) => `Tin bài mới nhất của các xã, phường trực thuộc, tổng hợp trên ${name}; mỗi tin dẫn về trang của địa phương đăng tin.`,
  rollupEmpty: 'Các xã, phường chưa đăng tin nào.',
  rollupFeatured: 'Tin nổi bật',
  archivedTitle: 'Trang lưu trữ',
  archivedText: 'Cổng thông tin này đã ngừng cập nhật; nội dung được giữ lại để tra cứu.',
};

export const SEARCH_UI = {
  title: 'Tìm kiếm',
  formLabel: 'Tìm bài viết theo từ khóa',
  titleFor: (q: string) => `Tìm kiếm: ${q}`,
  description: 'Tìm kiếm tin bài trên cổng thông tin điện tử.',
  hint: 'Nhập từ khóa, có dấu hoặc không dấu (ví dụ: “đồng hỷ” hay “dong hy”).',
  found: (total: number, q: string) => `Tìm thấy ${total.toLocaleString('vi-VN')} kết quả cho “${q}”.`,
  none: (q: string) => `Không tìm thấy kết quả nào cho “${q}”. Hãy thử từ khóa khác hoặc ít từ hơn.`,
  pageOf: (page: number, count: number) => `Trang ${page}/${count}`,
  pageWord: 'Trang',
  pageLink: (page: number) => `Trang ${page}`,
  previous: 'Trang trước',
  next: 'Trang sau',
};

export const ERROR_UI = {
  notFoundTitle: 'Không tìm thấy trang',
  notFoundText:
    'Trang bạn tìm không tồn tại hoặc đã được gỡ bỏ. Bạn có thể tìm bài viết bằng ô tìm kiếm dưới đây hoặc quay về trang chủ.',
  serverErrorTitle: 'Hệ thống đang gặp sự cố',
  serverErrorText: 'Đã có lỗi xảy ra khi hiển thị trang này. Xin vui lòng thử lại sau ít phút.',
  backHome: 'Quay về trang chủ',
};

/** Documents per page of the registry (/van-ban); documents in the home page's "Văn bản mới" box. */
export const DOCUMENT_PAGE_SIZE = 20;
export const HOME_DOCUMENTS_SIZE = 5;

/** The documents registry's reader pages (Decree 42/2022/NĐ-CP: list, search, item, print). */
export const DOCUMENT_UI = {
  menu: 'Văn bản',
  title: 'Văn bản',
  titleMore: 'Văn bản (tiếp theo)',
  more: 'Xem thêm văn bản',
  description: (site: string) => `Tra cứu văn bản của ${site}: số ký hiệu, loại văn bản, cơ quan ban hành, lĩnh vực, năm ban hành, tình trạng hiệu lực.`,
  formLabel: 'Tra cứu văn bản',
  queryLabel: 'Số ký hiệu hoặc trích yếu',
  queryPlaceholder: 'Ví dụ: 125/QĐ-UBND hoặc dat dai',
  typeLabel: 'Loại văn bản',
  issuerLabel: 'Cơ quan ban hành',
  fieldLabel: 'Lĩnh vực',
  yearLabel: 'Năm ban hành',
  statusLabel: 'Tình trạng hiệu lực',
  any: 'Tất cả',
  submit: 'Tìm văn bản',
  reset: 'Xóa điều kiện',
  none: 'Không có văn bản nào phù hợp. Hãy bỏ bớt điều kiện lọc hoặc thử từ khóa khác (có dấu hay không dấu đều được).',
  emptyRegistry: 'Chưa có văn bản nào được đăng.',
  tableCaption: 'Danh sách văn bản, mới ban hành trước',
  resultsCaption: 'Văn bản tìm được, mới ban hành trước',
  number: 'Số ký hiệu',
  issuedOn: 'Ngày ban hành',
  summary: 'Trích yếu',
  download: 'Tải về',
  noFile: 'Chưa có tệp',
  type: 'Loại văn bản',
  issuer: 'Cơ quan ban hành',
  signer: 'Người ký',
  field: 'Lĩnh vực',
  effectiveOn: 'Ngày có hiệu lực',
  expiresOn: 'Ngày hết hiệu lực',
  status: 'Tình trạng hiệu lực',
  notSet: 'Không xác định',
  fromIssue: 'kể từ ngày ban hành',
  body: 'Nội dung',
  files: 'Tệp đính kèm',
  fileOf: (name: string, size: string) => `${name} (${size})`,
  downloadFile: (name: string) => `Tải về ${name}`,
  viewer: (name: string) => `Xem trực tiếp: ${name}`,
  viewerFallback: 'Trình duyệt không hiển thị được tệp PDF ở đây?',
  openFile: 'Mở tệp',
  related: 'Văn bản liên quan',
  print: 'In văn bản',
  printView: 'Bản in',
  printLink: 'Xem bản in',
  printedOn: (date: string) => `Ngày in: ${date}`,
  source: (url: string) => `Nguồn: ${url}`,
  backToDocument: 'Quay lại văn bản',
  latest: 'Văn bản mới',
  latestMore: 'Xem tất cả văn bản',
} as const;

/** How a document relates to another, seen from each side. */
export const DOCUMENT_RELATION_LABEL = {
  replaces: { outgoing: 'Thay thế', incoming: 'Bị thay thế bởi' },
  amends: { outgoing: 'Sửa đổi, bổ sung', incoming: 'Được sửa đổi, bổ sung bởi' },
  'guided-by': { outgoing: 'Được hướng dẫn bởi', incoming: 'Hướng dẫn' },
} as const;

/** The words of the print and text-size tools (ReaderTools.astro); English pages pass their own. */
export interface ReaderToolsLabels {
  print: string;
  textSize: string;
  smaller: string;
  defaultSize: string;
  larger: string;
  printSource: (url: string) => string;
  printedOn: string;
  /** Announced after a change of size; {n} is the percentage. */
  sizeStatus: string;
}

/** The reader's tools on articles, pages and documents (ReaderTools.astro), and "what to read next". */
export const READER_UI = {
  print: 'In bài viết',
  textSize: 'Cỡ chữ',
  smaller: 'Giảm cỡ chữ',
  defaultSize: 'Cỡ chữ mặc định',
  larger: 'Tăng cỡ chữ',
  printSource: (url: string) => `Nguồn: ${url}`,
  printedOn: 'In ngày',
  /** Announced after a change of size; {n} is the percentage (public/js/reader-tools.js fills it in). */
  sizeStatus: 'Cỡ chữ: {n}%',
  featured: 'Tin nổi bật',
  mostRead: 'Xem nhiều nhất',
  mostReadToday: 'Hôm nay',
  mostReadWeek: 'Tuần này',
  mostReadMonth: 'Tháng này',
  /** Shown until the Worker fills the list in (and when the counters cannot be read). */
  mostReadPending: 'Đang cập nhật…',
  mostReadNone: 'Chưa có lượt xem.',
  /** After each count in a list (the Worker writes "1.234 lượt xem"). */
  viewsUnit: 'lượt xem',
} as const;
