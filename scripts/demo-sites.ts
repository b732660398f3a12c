// The demo's other portals, loaded by `npm start` into an empty local database beside Đồng Hỷ (site 1):
// the province of Thái Nguyên (since 1 July 2025 merged with Bắc Kạn, keeping the name) and two of its
// communes formed that day, xã Tân Cương and xã Định Hóa, each with a handful of articles. The
// articles are written for the demo: the places are real, the events and figures illustrative.
import type { DemoArticle } from './demo-content.ts';

export interface DemoSite {
  key: 'province' | 'tancuong' | 'dinhhoa';
  name: string;
  subtitle: string;
  host: string;
  /** Which demo site is its parent (a commune's province). */
  parent: DemoSite['key'] | null;
  primaryColor: string | null;
  visitOffset: number;
  articles: DemoArticle[];
  /** Titles of commune articles the province features on its home page. */
  features?: string[];
}

/** Site 1 (Đồng Hỷ, all of the one-site demo) gets this hostname and the province as its parent. */
export const DONGY = {
  host: 'dongy.localhost',
  subtitle: 'Cơ quan chủ quản: Ủy ban nhân dân huyện Đồng Hỷ, tỉnh Thái Nguyên',
} as const;

const p = (...paragraphs: string[]) => paragraphs.join('\n\n');

const PROVINCE_DESK = 'Ban Biên tập Cổng thông tin điện tử tỉnh Thái Nguyên';
const TAN_CUONG_DESK = 'Ban Biên tập Cổng thông tin điện tử xã Tân Cương';
const DINH_HOA_DESK = 'Ban Biên tập Cổng thông tin điện tử xã Định Hóa';

const province: DemoSite = {
  key: 'province',
  name: 'Cổng thông tin điện tử tỉnh Thái Nguyên',
  subtitle: 'Cơ quan chủ quản: Ủy ban nhân dân tỉnh Thái Nguyên',
  host: 'thainguyen.localhost',
  parent: null,
  primaryColor: null,
  visitOffset: 2_180_447,
  features: ['Xã Tân Cương khai mạc Tuần lễ Văn hóa Trà năm 2026'],
  articles: [
    {
      title: 'Vận hành cổng thông tin điện tử thành phần cho các xã, phường',
      summary: 'UBND tỉnh Thái Nguyên đưa vào vận hành nền tảng cổng thông tin điện tử dùng chung: mỗi xã, phường có cổng thành phần riêng, tin bài của cơ sở được tổng hợp về Cổng thông tin điện tử tỉnh.',
      body: p(
        'UBND tỉnh Thái Nguyên đưa vào vận hành nền tảng cổng thông tin điện tử dùng chung: mỗi xã, phường có cổng thành phần riêng, tin bài của cơ sở được tổng hợp về Cổng thông tin điện tử tỉnh.',
        'Từ khi chính quyền địa phương hai cấp đi vào hoạt động, các xã, phường mới cần một kênh thông tin chính thức để công khai thủ tục hành chính, văn bản chỉ đạo, điều hành và tin tức của địa phương theo Nghị định số 42/2022/NĐ-CP của Chính phủ.',
        'Trên nền tảng dùng chung, mỗi cổng thành phần có tên miền, giao diện và đội ngũ biên tập riêng; tài khoản biên tập của xã nào chỉ làm việc trên cổng của xã đó. Tin bài các xã, phường đăng tải được tự động hiển thị tại mục **Tin từ cơ sở** trên Cổng thông tin điện tử tỉnh, dẫn về trang gốc của từng địa phương.',
        'Sở Khoa học và Công nghệ đề nghị UBND các xã, phường cử cán bộ phụ trách, kiện toàn Ban Biên tập và thường xuyên cập nhật thông tin, bảo đảm chính xác, kịp thời.',
      ),
      categorySlug: 'tin-tuc-su-kien',
      tags: ['Chuyển đổi số', 'Chính quyền hai cấp'],
      byline: PROVINCE_DESK,
      publishedAt: '2026-10-05T09:00:00+07:00',
      status: 'published',
    },
    {
      title: 'Hội nghị đánh giá một năm vận hành chính quyền địa phương hai cấp',
      summary: 'UBND tỉnh tổ chức hội nghị đánh giá kết quả một năm vận hành mô hình chính quyền địa phương hai cấp, kết nối trực tuyến tới các xã, phường trên địa bàn.',
      body: p(
        'UBND tỉnh tổ chức hội nghị đánh giá kết quả một năm vận hành mô hình chính quyền địa phương hai cấp, kết nối trực tuyến tới các xã, phường trên địa bàn.',
        'Các báo cáo tại hội nghị cho thấy bộ máy cấp xã sau sắp xếp đã cơ bản ổn định; Trung tâm Phục vụ hành chính công các xã, phường tiếp nhận và giải quyết hồ sơ thông suốt, tỷ lệ hồ sơ trực tuyến tăng dần qua từng quý.',
        'Bên cạnh kết quả đạt được, một số địa phương còn thiếu cán bộ chuyên môn về đất đai, xây dựng, công nghệ thông tin; hạ tầng kết nối ở một số xã vùng cao chưa bảo đảm.',
        'Kết luận hội nghị, lãnh đạo UBND tỉnh yêu cầu các sở, ngành tăng cường hướng dẫn nghiệp vụ cho cấp xã, kịp thời tháo gỡ vướng mắc; các xã, phường chủ động rà soát, đề xuất bổ sung biên chế, trang thiết bị phục vụ người dân.',
      ),
      categorySlug: 'tin-tuc-su-kien',
      tags: ['Chính quyền hai cấp', 'UBND tỉnh'],
      byline: PROVINCE_DESK,
      publishedAt: '2026-10-28T15:30:00+07:00',
      status: 'published',
    },
    {
      title: 'Chủ động phòng, chống rét cho cây trồng, vật nuôi vụ Đông Xuân',
      summary: 'UBND tỉnh đề nghị các xã, phường chủ động triển khai biện pháp phòng, chống đói, rét cho cây trồng, vật nuôi trong mùa Đông Xuân 2026 - 2027.',
      body: p(
        'UBND tỉnh đề nghị các xã, phường chủ động triển khai biện pháp phòng, chống đói, rét cho cây trồng, vật nuôi trong mùa Đông Xuân 2026 - 2027.',
        'Theo dự báo của cơ quan khí tượng, mùa đông năm nay có thể xuất hiện nhiều đợt rét đậm, rét hại, đặc biệt ở các xã vùng cao phía Bắc của tỉnh.',
        'UBND các xã, phường hướng dẫn người dân gia cố chuồng trại, dự trữ thức ăn cho gia súc; không thả rông trâu, bò khi nhiệt độ ngoài trời xuống dưới 12 độ C; gieo cấy lúa và trồng rau màu theo khung thời vụ khuyến cáo.',
        'Sở Nông nghiệp và Môi trường phân công cán bộ theo dõi địa bàn, tổng hợp tình hình thiệt hại (nếu có) báo cáo UBND tỉnh trước ngày 5 hằng tháng.',
      ),
      categorySlug: 'chi-dao-dieu-hanh',
      tags: ['Nông nghiệp', 'Phòng chống thiên tai'],
      byline: 'Văn phòng UBND tỉnh Thái Nguyên',
      publishedAt: '2026-11-18T08:15:00+07:00',
      status: 'published',
    },
    {
      title: 'Thông báo lịch tiếp công dân định kỳ tháng 12/2026',
      summary: 'Chủ tịch UBND tỉnh tiếp công dân định kỳ vào ngày 15/12/2026 tại Trụ sở Tiếp công dân tỉnh.',
      body: p(
        'Chủ tịch UBND tỉnh tiếp công dân định kỳ vào ngày 15/12/2026 tại Trụ sở Tiếp công dân tỉnh.',
        'Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh mang theo căn cước và các giấy tờ, tài liệu liên quan; trường hợp ủy quyền phải có văn bản ủy quyền hợp lệ.',
        'Ban Tiếp công dân tỉnh tiếp nhận đăng ký trước từ ngày 8/12/2026 trong giờ hành chính.',
      ),
      categorySlug: 'thong-bao',
      tags: ['Tiếp công dân', 'UBND tỉnh'],
      byline: 'Ban Tiếp công dân tỉnh Thái Nguyên',
      publishedAt: '2026-11-25T10:00:00+07:00',
      status: 'published',
    },
    {
      title: 'Dự thảo: Kế hoạch chuyển đổi số năm 2027',
      summary: 'Dự thảo kế hoạch chuyển đổi số năm 2027 của tỉnh, đang lấy ý kiến các sở, ngành.',
      body: 'Bản dự thảo nội bộ, chưa được phê duyệt, không đăng tải công khai.',
      categorySlug: 'chi-dao-dieu-hanh',
      tags: ['Chuyển đổi số'],
      byline: 'Sở Khoa học và Công nghệ tỉnh Thái Nguyên',
      publishedAt: '2026-11-26T09:00:00+07:00',
      status: 'draft',
    },
  ],
};

const tanCuong: DemoSite = {
  key: 'tancuong',
  name: 'Cổng thông tin điện tử xã Tân Cương',
  subtitle: 'Cơ quan chủ quản: Ủy ban nhân dân xã Tân Cương, tỉnh Thái Nguyên',
  host: 'tancuong.localhost',
  parent: 'province',
  primaryColor: '#1e6b3a',
  visitOffset: 15_320,
  articles: [
    {
      title: 'Xã Tân Cương khai mạc Tuần lễ Văn hóa Trà năm 2026',
      summary: 'Tối 14/11, UBND xã Tân Cương khai mạc Tuần lễ Văn hóa Trà năm 2026 với nhiều hoạt động giới thiệu sản phẩm chè và du lịch trải nghiệm vùng chè.',
      body: p(
        'Tối 14/11, UBND xã Tân Cương khai mạc Tuần lễ Văn hóa Trà năm 2026 với nhiều hoạt động giới thiệu sản phẩm chè và du lịch trải nghiệm vùng chè.',
        'Trong khuôn khổ tuần lễ, các hợp tác xã, hộ làm chè trưng bày sản phẩm chè xanh, chè đinh, chè nõn tôm; du khách được trải nghiệm hái chè, sao chè thủ công và thưởng trà cùng các nghệ nhân.',
        'Phát biểu khai mạc, lãnh đạo UBND xã cho biết chè là cây trồng chủ lực, gắn với sinh kế của phần lớn hộ dân trong xã. Địa phương tiếp tục khuyến khích sản xuất theo tiêu chuẩn VietGAP, hữu cơ, xây dựng sản phẩm OCOP và phát triển du lịch cộng đồng.',
        'Tuần lễ diễn ra đến hết ngày 20/11 tại Nhà văn hóa trung tâm xã và các đồi chè.',
      ),
      categorySlug: 'tin-tuc-su-kien',
      tags: ['Chè Thái Nguyên', 'Du lịch', 'Lễ hội'],
      byline: TAN_CUONG_DESK,
      publishedAt: '2026-11-14T21:00:00+07:00',
      status: 'published',
    },
    {
      title: 'Hướng dẫn nộp hồ sơ trực tuyến tại Trung tâm Phục vụ hành chính công xã',
      summary: 'Trung tâm Phục vụ hành chính công xã Tân Cương bố trí cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến bằng tài khoản định danh điện tử VNeID.',
      body: p(
        'Trung tâm Phục vụ hành chính công xã Tân Cương bố trí cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến bằng tài khoản định danh điện tử VNeID.',
        'Người dân có thể thực hiện các thủ tục thường gặp như chứng thực, đăng ký khai sinh, đăng ký kết hôn, xác nhận tình trạng hôn nhân trên [Cổng dịch vụ công quốc gia](https://dichvucong.gov.vn) mà không phải đến trụ sở.',
        '- Đăng nhập bằng tài khoản VNeID mức độ 2;\n- Chọn thủ tục, điền tờ khai và đính kèm giấy tờ;\n- Theo dõi tiến độ và nhận kết quả trực tuyến hoặc qua bưu chính.',
        'Trung tâm làm việc từ thứ Hai đến sáng thứ Bảy hằng tuần; số điện thoại hỗ trợ được niêm yết tại trụ sở UBND xã.',
      ),
      categorySlug: 'cai-cach-hanh-chinh',
      tags: ['Dịch vụ công', 'Cải cách hành chính'],
      byline: 'Trung tâm Phục vụ hành chính công xã Tân Cương',
      publishedAt: '2026-11-04T08:30:00+07:00',
      status: 'published',
    },
    {
      title: 'Thông báo khuyến cáo sử dụng thuốc bảo vệ thực vật trên chè vụ Đông',
      summary: 'UBND xã Tân Cương khuyến cáo các hộ trồng chè bảo đảm thời gian cách ly khi sử dụng thuốc bảo vệ thực vật trong vụ chè Đông.',
      body: p(
        'UBND xã Tân Cương khuyến cáo các hộ trồng chè bảo đảm thời gian cách ly khi sử dụng thuốc bảo vệ thực vật trong vụ chè Đông.',
        'Các hộ chỉ sử dụng thuốc có trong danh mục được phép, ưu tiên chế phẩm sinh học; ghi chép nhật ký sản xuất; không thu hái chè trong thời gian cách ly ghi trên nhãn thuốc.',
        'Tổ khuyến nông cộng đồng sẽ kiểm tra ngẫu nhiên tại các xóm và hỗ trợ bà con lấy mẫu kiểm tra dư lượng khi có yêu cầu.',
      ),
      categorySlug: 'thong-bao',
      tags: ['Chè Thái Nguyên', 'Nông nghiệp'],
      byline: TAN_CUONG_DESK,
      publishedAt: '2026-11-20T14:00:00+07:00',
      status: 'published',
    },
    {
      title: 'Ra mắt Tổ công nghệ số cộng đồng tại các xóm',
      summary: 'Xã Tân Cương ra mắt Tổ công nghệ số cộng đồng tại các xóm, hỗ trợ người dân cài đặt ứng dụng, thanh toán không dùng tiền mặt và sử dụng dịch vụ công trực tuyến.',
      body: p(
        'Xã Tân Cương ra mắt Tổ công nghệ số cộng đồng tại các xóm, hỗ trợ người dân cài đặt ứng dụng, thanh toán không dùng tiền mặt và sử dụng dịch vụ công trực tuyến.',
        'Thành viên các tổ là trưởng xóm, đoàn viên thanh niên và cán bộ hội đoàn thể, được tập huấn kỹ năng số cơ bản trước khi về hỗ trợ người dân tại nhà văn hóa xóm.',
        'Đoàn Thanh niên xã sẽ duy trì lịch hỗ trợ vào tối thứ Sáu hằng tuần tại các xóm.',
      ),
      categorySlug: 'tin-tuc-su-kien',
      tags: ['Chuyển đổi số'],
      byline: TAN_CUONG_DESK,
      publishedAt: '2026-10-22T16:45:00+07:00',
      status: 'published',
    },
    {
      title: 'Dự thảo: Kế hoạch tổ chức Hội thi pha trà năm 2027',
      summary: 'Dự thảo kế hoạch Hội thi pha trà năm 2027, chưa ban hành.',
      body: 'Bản dự thảo nội bộ, chưa được phê duyệt, không đăng tải công khai.',
      categorySlug: 'chi-dao-dieu-hanh',
      tags: ['Chè Thái Nguyên', 'Lễ hội'],
      byline: TAN_CUONG_DESK,
      publishedAt: '2026-11-27T09:00:00+07:00',
      status: 'draft',
    },
  ],
};

const dinhHoa: DemoSite = {
  key: 'dinhhoa',
  name: 'Cổng thông tin điện tử xã Định Hóa',
  subtitle: 'Cơ quan chủ quản: Ủy ban nhân dân xã Định Hóa, tỉnh Thái Nguyên',
  host: 'dinhhoa.localhost',
  parent: 'province',
  primaryColor: '#1d4f91',
  visitOffset: 9_874,
  articles: [
    {
      title: 'Đón đoàn học sinh về nguồn tại Khu di tích ATK Định Hóa',
      summary: 'Trong tháng 11, xã Định Hóa phối hợp Ban Quản lý Khu di tích đón nhiều đoàn học sinh, đoàn viên thanh niên về nguồn tham quan, học tập tại ATK Định Hóa.',
      body: p(
        'Trong tháng 11, xã Định Hóa phối hợp Ban Quản lý Khu di tích đón nhiều đoàn học sinh, đoàn viên thanh niên về nguồn tham quan, học tập tại ATK Định Hóa.',
        'Các đoàn được nghe thuyết minh về An toàn khu Định Hóa, nơi Trung ương Đảng, Chủ tịch Hồ Chí Minh sống và làm việc trong những năm kháng chiến chống thực dân Pháp, và dâng hương tại các điểm di tích.',
        'UBND xã đề nghị các hộ kinh doanh dịch vụ ăn uống, lưu trú niêm yết giá công khai, giữ gìn vệ sinh môi trường, tạo ấn tượng tốt với du khách.',
      ),
      categorySlug: 'tin-tuc-su-kien',
      tags: ['Du lịch', 'Di tích lịch sử'],
      byline: DINH_HOA_DESK,
      publishedAt: '2026-11-16T10:20:00+07:00',
      status: 'published',
    },
    {
      title: 'Hội nghị đối thoại giữa lãnh đạo xã với Nhân dân năm 2026',
      summary: 'UBND xã Định Hóa tổ chức hội nghị đối thoại với Nhân dân, tiếp nhận ý kiến về giao thông nông thôn, nước sinh hoạt và thủ tục đất đai.',
      body: p(
        'UBND xã Định Hóa tổ chức hội nghị đối thoại với Nhân dân, tiếp nhận ý kiến về giao thông nông thôn, nước sinh hoạt và thủ tục đất đai.',
        'Tại hội nghị, cử tri các thôn kiến nghị sớm sửa chữa một số tuyến đường liên thôn xuống cấp, bổ sung nguồn nước sinh hoạt mùa khô và rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất.',
        'Lãnh đạo xã đã trả lời trực tiếp nhiều ý kiến; những nội dung vượt thẩm quyền được tổng hợp, báo cáo các sở, ngành của tỉnh.',
      ),
      categorySlug: 'tin-tuc-su-kien',
      tags: ['Đối thoại', 'Chính quyền hai cấp'],
      byline: DINH_HOA_DESK,
      publishedAt: '2026-10-30T15:00:00+07:00',
      status: 'published',
    },
    {
      title: 'Thông báo lịch tiêm phòng vắc xin cho đàn gia súc, gia cầm đợt 2 năm 2026',
      summary: 'Xã Định Hóa tổ chức tiêm phòng vắc xin lở mồm long móng, tụ huyết trùng và cúm gia cầm đợt 2 năm 2026 từ ngày 1 đến 15/12.',
      body: p(
        'Xã Định Hóa tổ chức tiêm phòng vắc xin lở mồm long móng, tụ huyết trùng và cúm gia cầm đợt 2 năm 2026 từ ngày 1 đến 15/12.',
        'Các hộ chăn nuôi chủ động nhốt giữ vật nuôi theo lịch của từng thôn để cán bộ thú y tiêm phòng; vật nuôi sau tiêm được cấp giấy chứng nhận.',
        'Mọi thắc mắc xin liên hệ bộ phận nông nghiệp của UBND xã trong giờ hành chính.',
      ),
      categorySlug: 'thong-bao',
      tags: ['Nông nghiệp', 'Thú y'],
      byline: DINH_HOA_DESK,
      publishedAt: '2026-11-24T08:00:00+07:00',
      status: 'published',
    },
    {
      title: 'Chủ động ứng phó với đợt rét đậm, rét hại đầu mùa',
      summary: 'Chủ tịch UBND xã Định Hóa yêu cầu các thôn thông báo rộng rãi dự báo thời tiết, hướng dẫn người dân che chắn chuồng trại và chăm sóc người cao tuổi, trẻ nhỏ.',
      body: p(
        'Chủ tịch UBND xã Định Hóa yêu cầu các thôn thông báo rộng rãi dự báo thời tiết, hướng dẫn người dân che chắn chuồng trại và chăm sóc người cao tuổi, trẻ nhỏ.',
        'Trạm Y tế xã chuẩn bị thuốc, vật tư y tế; các trường học theo dõi nhiệt độ để điều chỉnh giờ học, cho học sinh nghỉ khi nhiệt độ xuống dưới mức quy định.',
        'Các thôn báo cáo tình hình thiệt hại (nếu có) về UBND xã để kịp thời hỗ trợ.',
      ),
      categorySlug: 'chi-dao-dieu-hanh',
      tags: ['Phòng chống thiên tai'],
      byline: 'Văn phòng HĐND và UBND xã Định Hóa',
      publishedAt: '2026-11-26T17:30:00+07:00',
      status: 'published',
    },
  ],
};

/** Province first: the communes name it as their parent. */
export const demoSites: DemoSite[] = [province, tanCuong, dinhHoa];

/** The demo accounts `npm start` prints (besides the platform admin). */
export const DEMO_ACCOUNTS = [
  { email: 'quantri@thainguyen.example.vn', name: 'Quản trị Cổng tỉnh (demo)', role: 'admin', site: 'province' },
  { email: 'bientap@tancuong.example.vn', name: 'Biên tập xã Tân Cương (demo)', role: 'editor', site: 'tancuong' },
] as const satisfies readonly { email: string; name: string; role: 'admin' | 'editor'; site: DemoSite['key'] }[];
