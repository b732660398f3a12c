// Every Vietnamese string of the admin, in one place. Field labels and button texts are stable: the
// browser tests find fields and buttons by them.
import type { Role } from '../../schema/tables.ts';
import type { ArticleStatus } from '../../functions/data/article-types.ts';
import type { MarkdownExcess } from '../../functions/content/markdown-limits.ts';

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Quản trị viên',
  editor: 'Biên tập viên',
  contributor: 'Cộng tác viên',
};

export const STATUS_LABEL: Record<ArticleStatus, string> = {
  draft: 'Nháp',
  review: 'Chờ duyệt',
  scheduled: 'Đã lên lịch',
  published: 'Đã đăng',
  archived: 'Lưu trữ',
};

/** The list's filter values as they appear in the URL (?trang-thai=...). */
export const FILTERS = [
  { value: '', filter: 'all', label: 'Tất cả' },
  { value: 'nhap', filter: 'draft', label: STATUS_LABEL.draft },
  { value: 'cho-duyet', filter: 'review', label: STATUS_LABEL.review },
  { value: 'da-len-lich', filter: 'scheduled', label: STATUS_LABEL.scheduled },
  { value: 'da-dang', filter: 'published', label: STATUS_LABEL.published },
  { value: 'luu-tru', filter: 'archived', label: STATUS_LABEL.archived },
  { value: 'thung-rac', filter: 'trash', label: 'Thùng rác' },
] as const;

export const LABEL = {
  // sign-in
  email: 'Email',
  password: 'Mật khẩu',
  signIn: 'Đăng nhập',
  signOut: 'Đăng xuất',
  // the article form
  title: 'Tiêu đề',
  slug: 'Đường dẫn (slug)',
  summary: 'Tóm tắt',
  category: 'Chuyên mục',
  tags: 'Từ khóa',
  body: 'Nội dung (Markdown)',
  coverFile: 'Ảnh bìa',
  coverCaption: 'Chú thích ảnh',
  coverAlt: 'Mô tả ảnh (văn bản thay thế)',
  coverRemove: 'Gỡ ảnh hiện tại',
  byline: 'Tác giả / nguồn',
  publishAt: 'Thời điểm đăng (giờ Việt Nam)',
  // list
  statusFilter: 'Trạng thái',
  search: 'Tìm theo tiêu đề',
  filter: 'Lọc',
  // users and tokens
  name: 'Họ và tên',
  role: 'Vai trò',
  tokenName: 'Tên mã truy cập',
  scopeRead: 'Đọc (read)',
  scopeWrite: 'Ghi (write)',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  confirmPassword: 'Nhập lại mật khẩu mới',
  // two-factor sign-in
  code: 'Mã xác thực',
  requireTwoFactor: 'Bắt buộc xác thực hai bước cho quản trị viên và biên tập viên',
} as const;

export const HINT = {
  slug: 'Để trống để tạo tự động từ tiêu đề. Chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.',
  tags: 'Cách nhau bằng dấu phẩy, ví dụ: Giao thông, Nông thôn mới',
  body: 'Viết bằng Markdown: **đậm**, *nghiêng*, ## Tiêu đề mục, - danh sách, [liên kết](https://…).',
  coverFile: 'JPEG, PNG, WebP, AVIF hoặc GIF, tối đa 10 MB và 50 megapixel (mỗi chiều tối đa 16.384 điểm ảnh).',
  coverAlt: 'Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người không xem được ảnh.',
  publishAt: 'Dùng khi đặt lịch đăng. Giờ Việt Nam (GMT+7).',
  password: 'Ít nhất 8 ký tự; nên dùng một cụm từ dễ nhớ. Không dùng mật khẩu phổ biến.',
  code: 'Mã 6 chữ số đang hiện trong ứng dụng xác thực, hoặc một mã khôi phục (dạng abcd-efgh-jkmn-pqrs).',
  enrolCode: 'Mã 6 chữ số ứng dụng hiện ra sau khi thêm tài khoản.',
} as const;

export const BUTTON = {
  signIn: 'Đăng nhập',
  signOut: 'Đăng xuất',
  saveDraft: 'Lưu nháp',
  saveChanges: 'Lưu thay đổi',
  submitReview: 'Gửi duyệt',
  schedule: 'Đặt lịch đăng',
  publish: 'Đăng ngay',
  unpublish: 'Gỡ xuống',
  archive: 'Lưu trữ',
  preview: 'Xem trước',
  delete: 'Xóa bài viết',
  confirmDelete: 'Xóa bài viết',
  cancel: 'Hủy',
  restore: 'Khôi phục',
  restoreRevision: 'Khôi phục phiên bản này',
  keepMine: 'Lưu bản của tôi',
  createUser: 'Tạo tài khoản',
  changeRole: 'Đổi vai trò',
  disable: 'Khóa tài khoản',
  enable: 'Mở khóa',
  createToken: 'Tạo mã truy cập',
  revoke: 'Thu hồi',
  changePassword: 'Đổi mật khẩu',
  verify: 'Xác nhận',
  startTwoFactor: 'Bật xác thực hai bước',
  confirmTwoFactor: 'Xác nhận và bật',
  newRecoveryCodes: 'Tạo mã khôi phục mới',
  disableTwoFactor: 'Tắt xác thực hai bước',
  resetLink: 'Tạo liên kết đặt lại mật khẩu',
  resetTwoFactor: 'Tắt xác thực hai bước',
  saveSetting: 'Lưu thiết lập',
  setPassword: 'Đặt mật khẩu mới',
} as const;

export const NAV = {
  label: 'Quản trị',
  dashboard: 'Tổng quan',
  articles: 'Bài viết',
  newArticle: 'Viết bài mới',
  users: 'Người dùng',
  tokens: 'Mã truy cập API',
  password: 'Đổi mật khẩu',
  security: 'Bảo mật',
  site: 'Xem trang',
  skip: 'Bỏ qua, tới nội dung chính',
} as const;

export const TEXT = {
  adminTitle: 'Quản trị nội dung',
  loginTitle: 'Đăng nhập quản trị',
  loginIntro: 'Dành cho biên tập viên của cổng thông tin.',
  errorSummary: 'Vui lòng kiểm tra lại:',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  notFound: 'Không tìm thấy bài viết.',
  newTitle: 'Viết bài mới',
  editTitle: 'Sửa bài viết',
  readOnly: 'Bạn chỉ xem được bài này: cộng tác viên chỉ sửa được bài nháp hoặc bài chờ duyệt của chính mình.',
  inTrash: 'Bài viết này đang ở thùng rác.',
  previewHeading: 'Xem trước nội dung',
  livePreview: 'Xem trước (tự cập nhật khi bạn gõ)',
  previewLink: 'Xem trước toàn trang như bạn đọc thấy',
  previewLinkHint: 'Liên kết bí mật, dùng được 7 ngày và chỉ cho phiên bản hiện tại.',
  coverCurrent: 'Ảnh bìa hiện tại',
  conflictTitle: 'Bài viết vừa được người khác sửa',
  conflictText:
    'Trong lúc bạn sửa, bài viết đã được lưu bởi người khác. Bản của bạn chưa được lưu và không bị mất: so sánh hai bản bên dưới, sửa lại nếu cần rồi bấm một nút thao tác để lưu bản của bạn, hoặc mở bản hiện tại để bỏ bản của bạn.',
  conflictTheirs: 'Bản hiện tại (đã lưu)',
  conflictYours: 'Bản của bạn (chưa lưu)',
  conflictField: 'Mục',
  conflictDiscard: 'Bỏ bản của tôi, mở bản hiện tại',
  conflictBy: (name: string, at: string) => `Lưu lần cuối bởi ${name} lúc ${at}.`,
  noChanges: 'Không có thay đổi nào để lưu.',
  deleteTitle: 'Xóa bài viết?',
  deleteText: 'Bài viết sẽ được chuyển vào thùng rác và gỡ khỏi trang. Bạn có thể khôi phục trong vòng 30 ngày.',
  revisionsTitle: 'Lịch sử phiên bản',
  revisionsLink: 'Lịch sử phiên bản',
  diffTitle: (v: number) => `So sánh phiên bản ${v} với bản hiện tại`,
  diffFields: 'Các mục',
  diffBody: 'Nội dung (so sánh từng dòng)',
  diffSame: 'Giống bản hiện tại.',
  diffNoSnapshot: 'Phiên bản này không lưu nội dung (thao tác xóa).',
  diffTooBig: 'Nội dung quá dài để so sánh từng dòng; hai bản được hiển thị đầy đủ bên dưới.',
  diffRevision: (v: number) => `Phiên bản ${v}`,
  diffCurrent: 'Bản hiện tại',
  removed: 'Đã bỏ:',
  added: 'Đã thêm:',
  restoreRevisionText: 'Khôi phục nội dung của phiên bản này (tiêu đề, tóm tắt, nội dung, chuyên mục, từ khóa, tác giả, ảnh bìa) thành một phiên bản mới. Đường dẫn và trạng thái đăng giữ nguyên.',
  listTitle: 'Bài viết',
  listEmpty: 'Không có bài viết nào.',
  listCount: (n: number) => `${n.toLocaleString('vi-VN')} bài viết`,
  trashNote: 'Bài viết đã xóa được giữ 30 ngày, sau đó không thể khôi phục.',
  dashboardTitle: 'Tổng quan',
  online: 'Đang truy cập',
  total: 'Tổng truy cập',
  today: 'Truy cập hôm nay',
  chartTitle: 'Lượt truy cập 30 ngày qua',
  chartTable: 'Lượt truy cập theo ngày',
  statsUnavailable: 'Chưa lấy được số liệu thống kê, vui lòng tải lại trang sau ít phút.',
  usersTitle: 'Người dùng',
  passwordOnce: 'Mật khẩu chỉ hiển thị một lần. Hãy sao chép và gửi cho người dùng qua kênh an toàn:',
  tokensTitle: 'Mã truy cập API',
  tokenOnce: 'Mã truy cập chỉ hiển thị một lần. Hãy sao chép ngay:',
  passwordTitle: 'Đổi mật khẩu',
  passwordChanged: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã bị đăng xuất.',
  never: 'Chưa dùng',
  secondFactorTitle: 'Xác thực hai bước',
  securityTitle: 'Bảo mật tài khoản',
  twoFactorOn: 'Xác thực hai bước đang bật: mỗi lần đăng nhập cần thêm mã từ ứng dụng xác thực trên điện thoại.',
  twoFactorOff: 'Xác thực hai bước đang tắt. Khi bật, mỗi lần đăng nhập cần thêm mã 6 chữ số từ một ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, 2FAS, Aegis…), nên lộ mật khẩu thôi chưa đủ để vào tài khoản.',
  twoFactorRequired: 'Quản trị viên yêu cầu xác thực hai bước cho vai trò của bạn. Hãy bật ngay để tiếp tục sử dụng trang quản trị.',
  enrolScan: 'Bước 1: mở ứng dụng xác thực, chọn thêm tài khoản và quét mã QR này.',
  enrolQr: 'Mã QR để thêm tài khoản vào ứng dụng xác thực',
  enrolKey: 'Không quét được? Nhập khóa này vào ứng dụng (loại: theo thời gian):',
  enrolUri: 'Hoặc dùng liên kết otpauth:',
  enrolConfirm: 'Bước 2: nhập mã ứng dụng hiện ra để xác nhận.',
  recoveryOnce: 'Mã khôi phục chỉ hiển thị một lần. Hãy in hoặc lưu ở nơi an toàn: mỗi mã dùng được một lần để đăng nhập khi không có điện thoại.',
  recoveryLeft: (n: number) => `Còn ${n} mã khôi phục chưa dùng.`,
  codeToConfirm: 'Nhập mã hiện tại từ ứng dụng (hoặc một mã khôi phục) để tạo mã khôi phục mới hoặc tắt xác thực hai bước.',
  resetLinkOnce: 'Liên kết chỉ hiển thị một lần, dùng được một lần trong 1 giờ. Hãy sao chép và gửi cho người dùng qua kênh an toàn:',
  twoFactorColumn: 'Đăng nhập',
  twoFactorEnabled: 'Xác thực hai bước: đã bật',
  twoFactorDisabled: 'Xác thực hai bước: chưa bật',
  resetTitle: 'Đặt lại mật khẩu',
  resetIntro: (email: string) => `Đặt mật khẩu mới cho tài khoản ${email}. Sau khi đặt, mọi phiên đăng nhập cũ của tài khoản sẽ kết thúc.`,
  resetDone: 'Đã đặt mật khẩu mới. Mọi phiên đăng nhập cũ của tài khoản đã kết thúc; hãy đăng nhập bằng mật khẩu mới.',
  toLogin: 'Tới trang đăng nhập',
} as const;

/** Messages shown after a redirect (?thong-bao=...). */
export const NOTICE: Record<string, string> = {
  'da-luu': 'Đã lưu bài viết.',
  'da-gui-duyet': 'Đã gửi bài viết để duyệt.',
  'da-len-lich': 'Đã đặt lịch đăng bài viết.',
  'da-dang': 'Đã đăng bài viết.',
  'da-go': 'Đã gỡ bài viết xuống (chuyển về nháp).',
  'da-luu-tru': 'Đã chuyển bài viết vào lưu trữ.',
  'khong-doi': 'Không có thay đổi nào để lưu.',
  'da-xoa': 'Đã chuyển bài viết vào thùng rác. Có thể khôi phục trong 30 ngày.',
  'da-khoi-phuc': 'Đã khôi phục bài viết.',
  'da-khoi-phuc-phien-ban': 'Đã khôi phục phiên bản cũ thành một phiên bản mới.',
};

export const ACTION_NAME: Record<string, string> = {
  created: 'Tạo bài',
  updated: 'Sửa',
  published: 'Đăng',
  unpublished: 'Gỡ xuống',
  scheduled: 'Lên lịch',
  archived: 'Lưu trữ',
  deleted: 'Xóa',
  restored: 'Khôi phục',
};

export const FIELD_NAME: Record<string, string> = {
  title: LABEL.title,
  slug: 'Đường dẫn',
  summary: LABEL.summary,
  body: 'Nội dung',
  categoryId: LABEL.category,
  category: LABEL.category,
  tags: LABEL.tags,
  byline: LABEL.byline,
  cover: LABEL.coverFile,
  status: 'Trạng thái',
  publishAt: 'Thời điểm đăng',
  publishedAt: 'Thời điểm đăng',
};

/** The sign-in locks page (/admin/khoa-dang-nhap, admins). */
export const LOCKS = {
  nav: 'Khóa đăng nhập',
  title: 'Khóa đăng nhập',
  intro: 'Sau 5 lần nhập sai mật khẩu trong 15 phút, tài khoản bị khóa với các trình duyệt chưa từng đăng nhập; trình duyệt đã đăng nhập trước đó vẫn vào được. Một địa chỉ mạng bị khóa sau 100 lần sai. Khóa tự hết hạn; gỡ khóa khi người dùng đã xác nhận với bạn.',
  empty: 'Hiện không có khóa nào.',
  kind: 'Loại',
  who: 'Tài khoản / đối tượng',
  since: 'Bị khóa lúc',
  until: 'Tự mở lúc',
  clear: 'Gỡ khóa',
  cleared: 'Đã gỡ khóa đăng nhập.',
  gone: 'Khóa này đã hết hạn hoặc đã được gỡ.',
  invalid: 'Yêu cầu không hợp lệ. Vui lòng tải lại trang và thử lại.',
  kindAccount: 'Tài khoản (trình duyệt lạ)',
  kindDevice: 'Một thiết bị đã từng đăng nhập',
  kindClient: 'Một địa chỉ mạng',
  unknownEmail: (ref: string) => `email không có tài khoản (mã ${ref})`,
  address: (ref: string) => `mã ${ref}`,
} as const;

/** Why a body is refused by the rendering bounds (functions/content/markdown-limits.ts), and how to fix it. */
export function markdownTooComplexMessage(excess: MarkdownExcess): string {
  const n = (x: number) => x.toLocaleString('vi-VN');
  switch (excess.limit) {
    case 'depth':
      return `Nội dung lồng quá sâu ở dòng ${n(excess.line)}: ${n(excess.found)} tầng trích dẫn (>), danh sách hoặc thụt lề (tối đa ${n(excess.max)}). Vui lòng bớt dấu > hoặc bớt cấp danh sách.`;
    case 'inline-work':
      return `Nội dung có quá nhiều ký hiệu định dạng (* _ ~ \` [ ] <) trong các đoạn dài (nhiều nhất ở đoạn bắt đầu từ dòng ${n(excess.line)}). Vui lòng tách đoạn dài bằng một dòng trống, hoặc thêm dấu \\ trước ký hiệu muốn giữ nguyên (ví dụ \\*).`;
    case 'container-work':
      return 'Nội dung có quá nhiều khối trích dẫn (>) hoặc danh sách tách rời. Vui lòng gộp các khối liền nhau hoặc chia bài viết thành nhiều bài ngắn hơn.';
    case 'setext-work':
      return `Nội dung có quá nhiều tiêu đề gạch chân (một dòng chỉ gồm = hoặc - dưới dòng chữ). Vui lòng viết tiêu đề bằng dấu # (ví dụ ## Tiêu đề), hoặc thêm dấu \\ trước dòng - hay = muốn giữ nguyên.`;
    case 'elements':
      return `Nội dung có quá nhiều dòng ngắn, tiêu đề, ô bảng hoặc ngắt dòng: ${n(excess.found)} (tối đa ${n(excess.max)}). Vui lòng gộp các dòng ngắn thành đoạn văn, hoặc chia bài viết thành nhiều bài ngắn hơn.`;
    case 'table-cells':
      return `Bảng ở dòng ${n(excess.line)} có ${n(excess.found)} ô (tối đa ${n(excess.max)}). Vui lòng chia thành nhiều bảng nhỏ hơn.`;
    case 'reference-expansion':
      return 'Liên kết kiểu tham chiếu ([nhãn]: địa chỉ) được dùng lại quá nhiều lần. Vui lòng dùng liên kết trực tiếp [chữ](địa chỉ) hoặc rút ngắn phần định nghĩa.';
    case 'reference-lookups':
      return `Nội dung có quá nhiều định nghĩa liên kết kiểu tham chiếu ([nhãn]: địa chỉ): ${n(excess.found)} phép tra (tối đa ${n(excess.max)}). Vui lòng dùng liên kết trực tiếp [chữ](địa chỉ).`;
    case 'footnote-references':
      return `Nội dung có ${n(excess.found)} chú thích [^…] (tối đa ${n(excess.max)}). Vui lòng bớt chú thích.`;
  }
}

/** The site switcher, archived sites and the platform's pages (issue 10: many sites in one admin). */
export const SITES = {
  switcherLabel: 'Trang đang làm việc',
  switcherButton: 'Chuyển trang',
  archivedMark: '(lưu trữ)',
  switchRefused: 'Bạn không có vai trò ở trang này, nên không thể chuyển sang làm việc trên trang đó.',
  switchTitle: 'Chuyển trang làm việc',
  archivedNotice: 'Trang này đã được lưu trữ: nội dung chỉ còn để xem, không thể thêm, sửa hay xóa.',
  nav: 'Các trang',
  platformOnly: 'Chỉ quản trị viên nền tảng mới dùng được trang này.',
  fixFields: 'Vui lòng sửa các ô được đánh dấu.',
  created: (name: string, host: string) => `Đã tạo trang “${name}” tại ${host}, với các chuyên mục mặc định.`,
  saved: (name: string) => `Đã lưu trang “${name}”.`,
  archived: 'Đã lưu trữ trang: nội dung chỉ còn để xem.',
  unarchived: 'Đã bỏ lưu trữ: trang hoạt động trở lại.',
  firstNotArchived: 'Không thể lưu trữ trang đầu tiên của nền tảng: trang quản trị được đặt ở đây.',
  chooseUser: 'Vui lòng chọn tài khoản.',
  chooseRole: 'Vui lòng chọn vai trò.',
  assigned: (email: string, role: string) => `Đã giao vai trò ${role} trên trang này cho ${email}.`,
  invalidAction: 'Thao tác không hợp lệ.',
} as const;

/** The users page (/admin/nguoi-dung): people and their roles on the working site, and the role-change log. */
export const PEOPLE = {
  platformAdmin: 'Quản trị viên nền tảng',
  platformAdminShort: 'QTNT',
  intro: (site: string) => `Những người có vai trò trên trang ${site}. Vai trò chỉ có hiệu lực trên trang này; một tài khoản có thể có vai trò khác ở trang khác.`,
  assignTitle: 'Giao vai trò cho tài khoản có sẵn',
  assignHint: 'Người đã có tài khoản (ở trang khác): nhập email của họ để giao vai trò trên trang này.',
  assignButton: 'Giao vai trò',
  remove: 'Bỏ khỏi trang',
  makePlatformAdmin: 'Đặt làm quản trị viên nền tảng',
  dropPlatformAdmin: 'Bỏ quyền quản trị viên nền tảng',
  platformColumn: 'Nền tảng',
  changesTitle: 'Thay đổi vai trò gần đây',
  changesEmpty: 'Chưa có thay đổi vai trò nào.',
  changeWhen: 'Thời gian',
  changeBy: 'Người thực hiện',
  changeAccount: 'Tài khoản',
  changeWhat: 'Thay đổi',
  byTool: 'công cụ dòng lệnh',
  none: 'không có',
  twoFactorRequiredOn: 'Đã bắt buộc xác thực hai bước cho quản trị viên và biên tập viên của trang này. Ai chưa bật sẽ được chuyển tới trang Bảo mật ngay sau khi đăng nhập.',
  twoFactorRequiredOff: 'Đã bỏ yêu cầu bắt buộc xác thực hai bước của trang này.',
  emailInvalid: 'Vui lòng nhập email hợp lệ, ví dụ bientap@dongy.gov.vn.',
  nameTooLong: 'Họ và tên dài tối đa 100 ký tự.',
  roleRequired: 'Vui lòng chọn vai trò.',
  emailTaken: 'Đã có tài khoản dùng email này. Để người này làm việc trên trang, hãy dùng mục “Giao vai trò cho tài khoản có sẵn”.',
  noAccount: 'Không có tài khoản nào dùng email này. Hãy tạo tài khoản mới.',
  notYourself: 'Bạn không thể tự đổi vai trò của chính mình.',
  notYourselfChange: 'Bạn không thể đổi vai trò hoặc khóa chính tài khoản của mình.',
  notFound: 'Không tìm thấy tài khoản trên trang này.',
  invalidAction: 'Thao tác không hợp lệ.',
  created: (email: string, role: string) => `Đã tạo tài khoản ${email} (${role} của trang này).`,
  assigned: (email: string, role: string) => `Đã giao vai trò ${role} trên trang này cho ${email}.`,
  roleChanged: (email: string, role: string) => `Đã đổi vai trò của ${email} trên trang này thành ${role}.`,
  removed: (email: string) => `Đã bỏ vai trò của ${email} trên trang này. Tài khoản vẫn giữ vai trò ở các trang khác (nếu có).`,
  platformAdminOn: (email: string) => `${email} đã là quản trị viên nền tảng: quản trị mọi trang, quản lý các trang và giao quản trị viên.`,
  platformAdminOff: (email: string) => `${email} không còn là quản trị viên nền tảng.`,
  otherSites: (email: string) => `${email} còn có vai trò ở trang khác mà bạn không quản trị (hoặc là quản trị viên nền tảng): chỉ quản trị viên nền tảng mới khóa, đặt lại mật khẩu hay tắt xác thực hai bước của tài khoản này.`,
  disabled: (email: string) => `Đã khóa ${email}; mọi phiên đăng nhập của tài khoản này đã kết thúc.`,
  enabled: (email: string) => `Đã mở khóa ${email}.`,
  resetDisabled: (email: string) => `Tài khoản ${email} đang bị khóa: hãy mở khóa trước khi tạo liên kết đặt lại mật khẩu.`,
  resetIssued: (email: string) => `Đã tạo liên kết đặt lại mật khẩu cho ${email}. Liên kết cũ hơn (nếu có) không còn dùng được.`,
  noTwoFactor: (email: string) => `${email} chưa bật xác thực hai bước.`,
  twoFactorReset: (email: string) => `Đã tắt xác thực hai bước của ${email}. Người dùng có thể bật lại trong trang Bảo mật.`,
} as const;

/** The categories page (/admin/chuyen-muc): create and rename the working site's categories. */
export const CATEGORIES = {
  nav: 'Chuyên mục',
  title: 'Chuyên mục',
  intro: 'Chuyên mục của trang này, theo thứ tự trên thanh menu. Đổi tên không đổi đường dẫn, nên liên kết cũ vẫn dùng được.',
  createTitle: 'Thêm chuyên mục',
  name: 'Tên chuyên mục',
  slug: 'Đường dẫn (slug)',
  slugHint: 'Để trống để tạo tự động từ tên. Chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.',
  description: 'Mô tả',
  create: 'Thêm chuyên mục',
  rename: 'Đổi tên',
  newName: (name: string) => `Tên mới cho ${name}`,
  articles: 'Bài đã đăng',
  nameRequired: 'Vui lòng nhập tên chuyên mục.',
  nameTooLong: 'Tên chuyên mục dài tối đa 100 ký tự.',
  descriptionTooLong: 'Mô tả dài tối đa 500 ký tự.',
  slugInvalid: 'Đường dẫn chỉ gồm chữ thường không dấu (a-z), chữ số và dấu gạch ngang, tối đa 80 ký tự.',
  slugTaken: 'Trang này đã có chuyên mục dùng đường dẫn này. Vui lòng chọn đường dẫn khác.',
  notFound: 'Không tìm thấy chuyên mục trên trang này.',
  created: (name: string) => `Đã thêm chuyên mục “${name}”.`,
  renamed: (name: string) => `Đã đổi tên chuyên mục thành “${name}”.`,
} as const;

/** The sites pages (/admin/cac-trang, platform admins). */
export const SITE_PAGES = {
  title: 'Các trang',
  intro: 'Mọi trang (cổng thông tin) của nền tảng. Trang đầu tiên là nơi đặt trang quản trị. Trang cấp xã trực thuộc một trang cấp tỉnh: tin của xã được tổng hợp ở mục “Tin từ cơ sở” của tỉnh.',
  createTitle: 'Tạo trang mới',
  editTitle: (name: string) => `Sửa trang: ${name}`,
  notFound: 'Không tìm thấy trang này.',
  name: 'Tên trang',
  subtitle: 'Cơ quan chủ quản (dòng dưới tên trang)',
  hosts: 'Tên miền (mỗi dòng một tên)',
  hostsHint: 'Tên miền đầu tiên là tên chính, mọi liên kết dùng tên này; các tên sau tự chuyển về tên chính. Chỉ chữ thường, không có http:// hay cổng, ví dụ xa-dai-phuc.thainguyen.gov.vn.',
  parent: 'Trực thuộc (trang cấp tỉnh)',
  noParent: '— Không trực thuộc trang nào —',
  visitOffset: 'Tổng lượt truy cập ban đầu',
  visitOffsetHint: 'Số lượt truy cập đã có trước khi chuyển sang hệ thống này (để trống: 0; trang đầu tiên: giá trị cấu hình STATS_TOTAL_OFFSET).',
  logo: 'Logo (ảnh)',
  logoCurrent: 'Logo hiện tại',
  removeLogo: 'Bỏ logo, dùng Quốc huy',
  primaryColor: 'Màu chủ đạo',
  primaryColorHint: 'Dạng #rrggbb, ví dụ #8e1a1a. Để trống: màu đỏ mặc định.',
  create: 'Tạo trang',
  save: 'Lưu trang',
  archive: 'Lưu trữ trang',
  unarchive: 'Bỏ lưu trữ',
  archiveHint: 'Trang lưu trữ chỉ còn để xem: mang dòng “Trang lưu trữ”, không ai sửa được nội dung, biên tập viên và cộng tác viên của trang không đăng nhập được nữa.',
  peopleTitle: 'Người làm việc trên trang',
  assignTitle: 'Giao quản trị viên (hoặc vai trò khác) cho trang',
  user: 'Tài khoản',
  chooseUserOption: '— Chọn tài khoản —',
  assign: 'Giao vai trò',
  columnId: 'Mã',
  columnHost: 'Tên miền chính',
  columnParent: 'Trực thuộc',
  columnStatus: 'Trạng thái',
  active: 'Đang hoạt động',
  archivedStatus: 'Lưu trữ',
  edit: 'Sửa',
  noPeople: 'Chưa ai có vai trò trên trang này.',
} as const;

/** A province's "Tin từ cơ sở" page: featuring its communes' articles on its home page. */
export const ROLLUP_ADMIN = {
  nav: 'Tin từ cơ sở',
  title: 'Tin từ cơ sở',
  intro: 'Tin bài mới nhất của các xã, phường trực thuộc. Tin được đưa lên nổi bật hiện đầu mục “Tin từ cơ sở” trên trang chủ, luôn với tiêu đề và tóm tắt hiện tại của bài gốc và dẫn về trang của xã, phường; bài gốc bị gỡ thì tin nổi bật cũng không còn hiện.',
  noCommunes: 'Trang đang làm việc không có xã, phường trực thuộc, nên không có tin từ cơ sở.',
  editorsOnly: 'Chỉ biên tập viên và quản trị viên của trang mới đưa được tin lên nổi bật.',
  featuredTitle: 'Đang nổi bật trên trang chủ',
  newestTitle: 'Tin mới của các xã, phường',
  noFeatured: 'Chưa có tin nào được đưa lên nổi bật.',
  none: 'Các xã, phường chưa đăng tin nào.',
  columnTitle: 'Tiêu đề',
  columnCommune: 'Xã, phường',
  columnDate: 'Ngày đăng',
  feature: 'Đưa lên nổi bật',
  unfeature: 'Bỏ nổi bật',
  featuredMark: 'Đang nổi bật',
  featured: 'Đã đưa tin lên nổi bật trên trang chủ.',
  unfeatured: 'Đã bỏ tin khỏi mục nổi bật.',
  gone: 'Bài viết này không còn được đăng trên trang của xã, phường trực thuộc.',
  badRequest: 'Yêu cầu không hợp lệ.',
} as const;
