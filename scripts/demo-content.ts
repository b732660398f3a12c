// Demo content (categories and articles of the Đồng Hỷ district portal) that `npm start` loads into an empty local database.

export interface DemoCategory { slug: string; name: string; description: string; position: number }
export interface DemoArticle {
  title: string;
  summary: string;
  body: string;            // Markdown, paragraphs separated by blank lines
  categorySlug: string;    // one of the demo categories
  tags: string[];          // tag NAMES in Vietnamese, 1-4 per article, drawn from a shared set of ~15 tags so tags repeat
  byline: string;          // author / source line
  publishedAt: string;     // ISO 8601 with +07:00 offset (Vietnam time)
  status: 'published' | 'draft' | 'scheduled';
}

export const demoCategories: DemoCategory[] = [
  { slug: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính', position: 1, description: 'Thông tin về cải cách thủ tục hành chính, dịch vụ công trực tuyến và chuyển đổi số trong các cơ quan nhà nước của huyện.' },
  { slug: 'tin-tuc-su-kien', name: 'Tin tức - Sự kiện', position: 2, description: 'Tin hoạt động của lãnh đạo huyện, các hội nghị và sự kiện chính trị nổi bật trên địa bàn.' },
  { slug: 'kinh-te', name: 'Kinh tế', position: 3, description: 'Tình hình sản xuất kinh doanh, thu hút đầu tư, thu ngân sách và phát triển hạ tầng của huyện Đồng Hỷ.' },
  { slug: 'van-hoa-xa-hoi', name: 'Văn hóa - Xã hội', position: 4, description: 'Hoạt động văn hóa, thể thao, lễ hội, an sinh xã hội và đời sống của nhân dân các dân tộc trong huyện.' },
  { slug: 'nong-nghiep-nong-thon', name: 'Nông nghiệp - Nông thôn', position: 5, description: 'Sản xuất nông nghiệp, phát triển vùng chè, xây dựng nông thôn mới và chương trình OCOP trên địa bàn huyện.' },
  { slug: 'giao-duc-y-te', name: 'Giáo dục - Y tế', position: 6, description: 'Tin tức về giáo dục, đào tạo, chăm sóc sức khỏe nhân dân và hoạt động của các cơ sở y tế trong huyện.' },
];

// Shared tag vocabulary (every article's tags come from here):
// Cải cách hành chính, UBND huyện, Đồng Hỷ, Chuyển đổi số, Dịch vụ công, Nông thôn mới, Nông nghiệp, Chè Thái Nguyên,
// Giáo dục, Y tế, Lễ hội, Giao thông, Kinh tế, Văn hóa, An sinh xã hội, Môi trường

const CENTER = '(Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)';

const seedArticle: DemoArticle = {
  title: 'Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính năm 2023, triển khai nhiệm vụ năm 2024',
  summary: 'Chiều ngày 7/3, UBND huyện Đồng Hỷ tổ chức Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính (CCHC) năm 2023, triển khai nhiệm vụ năm 2024.',
  // Verbatim from the source page; paragraph 2 keeps its original no-break space (\u00A0) after "Đồng Hỷ".
  body: [
    'Chiều ngày 7/3, UBND huyện Đồng Hỷ tổ chức Hội nghị phân tích, đánh giá kết quả công tác cải cách hành chính (CCHC) năm 2023, triển khai nhiệm vụ năm 2024. Đồng chí Ngô Xuân Huy, Ủy viên BCH Đảng bộ huyện, Phó Chủ tịch UBND huyện chủ trì hội nghị. Hội nghị được kết nối trực tuyến với điểm cầu 15 xã, thị trấn trong huyện (ảnh).',
    'Năm 2023, chỉ số CCHC huyện Đồng Hỷ\u00A0đạt 73,87 điểm (tăng 6,1 điểm so với năm 2022), xếp loại khá. Kết quả đo lường mức độ hài lòng của cá nhân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS) của huyện đạt 81,44% tăng 3,44% so với năm 2022. Mặc dù công tác CCHC của huyện đã có tiến bộ nhưng còn chậm so với các địa phương khác trong tỉnh.',
    'Tại hội nghị, các đại biểu đã được nghe, thảo luận về nhiệm vụ trọng tâm công tác CCHC năm 2024. Đồng thời nghe báo cáo giải pháp, phương hướng nâng cao chỉ số CCHC, chỉ số hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan hành chính nhà nước; nâng cao hiệu quả quản trị và hành chính công trên địa bàn huyện năm 2024…',
    'Phát biểu kết luận hội nghị, đồng chí Phó Chủ tịch UBND huyện nhấn mạnh: Để cải thiện các chỉ số, nâng cao hiệu quả công tác CCHC năm 2024, các phòng ban, cơ quan đơn vị, địa phương trong huyện tiếp tục triển khai thực hiện Chương trình CCHC nhà nước tỉnh Thái Nguyên giai đoạn 2021 - 2025; thực hiện có hiệu quả bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện TTHC, dịch vụ công; yêu cầu các đơn vị, địa phương tăng cường kiểm tra thường xuyên, đột xuất việc thực thi công vụ tại các địa phương…',
    'Nhân dịp này, UBND huyện Đồng Hỷ đã trao thưởng cho 6 tập thể và 6 cá nhân đạt giải trong cuộc thi trực tuyến "Tìm hiểu công tác CCHC huyện Đồng Hỷ năm 2023 (ảnh)./.',
  ].join('\n\n'),
  categorySlug: 'cai-cach-hanh-chinh',
  tags: ['Cải cách hành chính', 'UBND huyện', 'Đồng Hỷ'],
  byline: 'Lê Nguyệt (Trung tâm Văn hóa – Thể thao và Truyền thông Đồng Hỷ)',
  publishedAt: '2024-03-08T09:43:00+07:00',
  status: 'published',
};

// ---------------------------------------------------------------------------
// Generated articles: one hand-written title/lead per topic, followed by a few
// category paragraph templates. Tokens like {p} are filled from the article index.

interface Topic { title: string; lead: string; tags: string[]; pool?: string; md?: string[] }

const PLACES = [
  'xã Hóa Thượng', 'xã Hóa Trung', 'xã Linh Sơn', 'xã Nam Hòa', 'xã Cây Thị', 'xã Hợp Tiến', 'xã Tân Long', 'xã Quang Sơn',
  'xã Văn Hán', 'xã Khe Mo', 'xã Văn Lăng', 'xã Tân Lợi', 'xã Minh Lập', 'xã Huống Thượng', 'thị trấn Sông Cầu', 'thị trấn Trại Cau',
];

const REPORTERS = ['Lê Nguyệt', 'Hoàng Thu Hà', 'Nguyễn Văn Tuấn', 'Trần Minh Phương', 'Dương Thị Hạnh', 'Ngọc Lan'];

const OFFICES: Record<string, string> = {
  'cai-cach-hanh-chinh': 'Phòng Nội vụ huyện Đồng Hỷ',
  'tin-tuc-su-kien': 'Văn phòng HĐND và UBND huyện Đồng Hỷ',
  'kinh-te': 'Phòng Tài chính - Kế hoạch huyện Đồng Hỷ',
  'van-hoa-xa-hoi': 'Phòng Văn hóa và Thông tin huyện Đồng Hỷ',
  'nong-nghiep-nong-thon': 'Phòng Nông nghiệp và PTNT huyện Đồng Hỷ',
  gd: 'Phòng Giáo dục và Đào tạo huyện Đồng Hỷ',
  yt: 'Trung tâm Y tế huyện Đồng Hỷ',
};

const DVC_LINK = '[Cổng dịch vụ công quốc gia](https://dichvucong.gov.vn)';

const TEMPLATES: Record<string, string[]> = {
  'cai-cach-hanh-chinh': [
    'Theo báo cáo của Văn phòng HĐND và UBND huyện, trong 12 tháng qua, Bộ phận Một cửa huyện đã tiếp nhận {b2} hồ sơ thủ tục hành chính, trong đó {c}% hồ sơ được giải quyết trước và đúng hạn; tỷ lệ hồ sơ nộp trực tuyến toàn trình tiếp tục tăng so với cùng kỳ.',
    'Tại {p}, cán bộ Bộ phận Một cửa đã chủ động hướng dẫn người dân sử dụng tài khoản định danh điện tử VNeID để nộp hồ sơ, tra cứu kết quả và thanh toán phí, lệ phí trực tuyến. Nhiều thủ tục như chứng thực, đăng ký khai sinh, đăng ký kết hôn đã được giải quyết ngay trong ngày.',
    'Lãnh đạo UBND huyện yêu cầu các phòng, ban chuyên môn và UBND các xã, thị trấn tiếp tục rà soát, đơn giản hóa thủ tục hành chính; công khai đầy đủ, kịp thời các thủ tục tại trụ sở và trên Cổng thông tin điện tử huyện; xử lý nghiêm các trường hợp gây phiền hà, sách nhiễu người dân.',
    'Thời gian tới, huyện Đồng Hỷ phấn đấu nâng tỷ lệ hồ sơ trực tuyến toàn trình lên trên {a2}%, số hóa toàn bộ kết quả giải quyết thủ tục hành chính còn hiệu lực, góp phần cải thiện chỉ số PAR INDEX và SIPAS của huyện.',
    'Qua kiểm tra thực tế tại {p} và {q}, đoàn công tác đánh giá cao tinh thần, thái độ phục vụ của đội ngũ cán bộ, công chức; đồng thời chỉ ra một số hạn chế như việc cập nhật hồ sơ lên hệ thống còn chậm, một số thủ tục chưa được niêm yết đầy đủ.',
  ],
  'tin-tuc-su-kien': [
    'Tham dự có đại diện Thường trực Huyện ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam huyện; lãnh đạo các phòng, ban, ngành, đoàn thể và đại diện lãnh đạo 15 xã, thị trấn trên địa bàn huyện.',
    'Tại buổi làm việc ở {p}, các đại biểu đã thảo luận, làm rõ những khó khăn, vướng mắc trong quá trình triển khai nhiệm vụ ở cơ sở, tập trung vào công tác quản lý đất đai, giải phóng mặt bằng và bảo đảm an ninh trật tự.',
    'Phát biểu chỉ đạo, đồng chí Chủ tịch UBND huyện đề nghị các cơ quan, đơn vị bám sát kế hoạch, phân công rõ người, rõ việc, rõ thời gian hoàn thành; tăng cường phối hợp giữa các ngành và địa phương, kịp thời báo cáo những vấn đề phát sinh vượt thẩm quyền.',
    'Năm {py}, huyện Đồng Hỷ đạt và vượt {goals}/22 chỉ tiêu chủ yếu về phát triển kinh tế - xã hội; quốc phòng, an ninh được giữ vững, đời sống vật chất và tinh thần của nhân dân tiếp tục được cải thiện.',
    'Dịp này, UBND huyện đã tặng Giấy khen cho {s} tập thể và {s2} cá nhân có thành tích xuất sắc trong thực hiện nhiệm vụ.',
  ],
  'kinh-te': [
    'Năm {y}, huyện Đồng Hỷ đặt mục tiêu tốc độ tăng trưởng giá trị sản xuất đạt {g}%, thu nhập bình quân đầu người đạt trên {inc} triệu đồng/năm.',
    'Cùng với thu hút đầu tư, huyện tập trung cải thiện môi trường kinh doanh, nâng cao chỉ số năng lực cạnh tranh cấp huyện (DDCI); thường xuyên tổ chức đối thoại để kịp thời tháo gỡ khó khăn cho doanh nghiệp, hợp tác xã và hộ kinh doanh.',
    'Tại {p}, nhiều hộ kinh doanh đã mạnh dạn đầu tư máy móc, mở rộng quy mô sản xuất, tạo việc làm ổn định cho {a} lao động địa phương với mức thu nhập từ 6 - 8 triệu đồng/người/tháng.',
    'Theo Phòng Tài chính - Kế hoạch huyện, tổng vốn đầu tư phát triển toàn xã hội trên địa bàn ước đạt {b2} tỷ đồng, tăng {g}% so với cùng kỳ.',
    'UBND huyện yêu cầu các chủ đầu tư đẩy nhanh tiến độ thi công, giải ngân vốn; các xã, thị trấn phối hợp chặt chẽ trong công tác giải phóng mặt bằng, bảo đảm tiến độ các công trình, dự án trọng điểm.',
  ],
  'van-hoa-xa-hoi': [
    'Hoạt động nhận được sự hưởng ứng tích cực của đông đảo nhân dân {p}, {q} và các xã, thị trấn lân cận, góp phần tăng cường khối đại đoàn kết toàn dân tộc ở khu dân cư.',
    'Những năm qua, huyện Đồng Hỷ luôn quan tâm thực hiện tốt các chính sách an sinh xã hội; tỷ lệ hộ nghèo toàn huyện giảm còn {pov}%, đời sống vật chất và tinh thần của đồng bào các dân tộc Kinh, Tày, Nùng, Sán Dìu, Dao… ngày càng được nâng lên.',
    'Phòng Văn hóa và Thông tin huyện cho biết, toàn huyện hiện có {cult}% gia đình đạt danh hiệu "Gia đình văn hóa", {vil}% thôn, xóm, tổ dân phố có nhà văn hóa đạt chuẩn, là điều kiện thuận lợi để tổ chức các hoạt động văn hóa, thể thao ở cơ sở.',
    'Ban Tổ chức đề nghị các địa phương tiếp tục duy trì, nhân rộng các mô hình hay, cách làm hiệu quả; quan tâm hơn nữa đến người cao tuổi, trẻ em và các đối tượng yếu thế trong xã hội.',
  ],
  'nong-nghiep-nong-thon': [
    'Toàn huyện hiện có khoảng {tea} ha chè, năng suất chè búp tươi bình quân đạt {yield} tạ/ha; nhiều hộ dân đã áp dụng quy trình sản xuất theo tiêu chuẩn VietGAP, hữu cơ, giúp nâng cao giá trị sản phẩm.',
    'Tại {p}, người dân đã tích cực chuyển đổi cơ cấu cây trồng, vật nuôi, đưa giống mới vào sản xuất, kết hợp kiên cố hóa kênh mương, đường nội đồng, góp phần nâng cao thu nhập.',
    'Đến nay, huyện Đồng Hỷ có {ntm} xã đạt chuẩn nông thôn mới, {ntmn} xã đạt chuẩn nông thôn mới nâng cao; thu nhập bình quân ở khu vực nông thôn đạt trên {inc} triệu đồng/người/năm.',
    'Ngành nông nghiệp huyện khuyến cáo bà con theo dõi chặt chẽ diễn biến thời tiết, sâu bệnh; sử dụng phân bón, thuốc bảo vệ thực vật đúng quy trình, bảo đảm an toàn thực phẩm và bảo vệ môi trường.',
    'Hợp tác xã chè tại {q} hiện có {a} thành viên, mỗi năm cung ứng ra thị trường hàng chục tấn chè búp khô với giá bán từ 250.000 - 600.000 đồng/kg tùy loại.',
  ],
  gd: [
    'Năm học {sy}, toàn huyện có {sch} trường học các cấp với trên {stu} học sinh; tỷ lệ trường đạt chuẩn quốc gia đạt {std}%.',
    'Tại {p}, nhà trường đã phối hợp với phụ huynh và chính quyền địa phương chăm lo cơ sở vật chất, bảo đảm đủ phòng học, bàn ghế và thiết bị dạy học; công tác bán trú cho học sinh được quan tâm.',
    'Ngành giáo dục huyện tiếp tục đẩy mạnh đổi mới phương pháp dạy học theo Chương trình giáo dục phổ thông 2018, ứng dụng công nghệ thông tin trong quản lý và giảng dạy, nâng cao chất lượng giáo dục toàn diện.',
    'Dịp này, Phòng Giáo dục và Đào tạo huyện đã khen thưởng {s} tập thể và {s2} cá nhân có thành tích xuất sắc.',
  ],
  yt: [
    'Trung tâm Y tế huyện Đồng Hỷ cùng trạm y tế các xã, thị trấn đã chủ động triển khai các biện pháp phòng bệnh, tăng cường truyền thông giáo dục sức khỏe tại cộng đồng; tỷ lệ người dân tham gia bảo hiểm y tế duy trì ở mức {bhyt}%.',
    'Trong 12 tháng qua, Trung tâm Y tế huyện đã khám, điều trị cho trên {vis} lượt người bệnh; {p} và {q} là những địa phương thực hiện tốt công tác y tế dự phòng.',
    'Ngành y tế khuyến cáo người dân chủ động giữ gìn vệ sinh cá nhân, vệ sinh môi trường, ăn chín uống sôi và đến ngay cơ sở y tế khi có dấu hiệu bất thường về sức khỏe.',
    'Trạm y tế {p} hiện có {doc} cán bộ, trong đó có 1 bác sĩ; trạm đã triển khai khám chữa bệnh bảo hiểm y tế và quản lý hồ sơ sức khỏe điện tử cho người dân.',
  ],
};

const TOPICS: Record<string, Topic[]> = {
  'cai-cach-hanh-chinh': [
    {
      title: 'Đồng Hỷ đẩy mạnh tiếp nhận hồ sơ thủ tục hành chính trực tuyến',
      lead: 'Năm {y}, huyện Đồng Hỷ đặt mục tiêu nâng tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến lên trên 50%, tập trung hướng dẫn người dân, doanh nghiệp thực hiện thủ tục qua môi trường mạng thay cho nộp trực tiếp.',
      tags: ['Cải cách hành chính', 'Dịch vụ công', 'Chuyển đổi số', 'Đồng Hỷ'],
      md: [
        '## Các bước nộp hồ sơ trực tuyến',
        'Người dân có thể thực hiện theo các bước sau:',
        '- Đăng nhập ' + DVC_LINK + ' bằng tài khoản định danh điện tử VNeID;\n- Tìm kiếm thủ tục cần thực hiện và điền thông tin vào tờ khai điện tử;\n- Đính kèm bản chụp giấy tờ, thanh toán phí, lệ phí (nếu có) và theo dõi tiến độ giải quyết.',
        '**Lưu ý:** Kết quả giải quyết có thể nhận trực tuyến, qua dịch vụ bưu chính công ích hoặc trực tiếp tại Bộ phận Một cửa.',
      ],
    },
    {
      title: 'Tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ cấp xã',
      lead: 'Ngày {d}/{m}, UBND huyện Đồng Hỷ tổ chức hội nghị tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho {t} cán bộ, công chức làm việc tại Bộ phận Một cửa các xã, thị trấn.',
      tags: ['Cải cách hành chính'],
    },
    {
      title: 'Sơ kết công tác cải cách hành chính 6 tháng đầu năm',
      lead: 'Sáng ngày {d}/{m}, UBND huyện Đồng Hỷ tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm {y}, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm.',
      tags: ['Cải cách hành chính', 'UBND huyện'],
    },
    {
      title: 'Kiểm tra công tác cải cách hành chính tại các xã, thị trấn',
      lead: 'Từ ngày {d}/{m}, Đoàn kiểm tra cải cách hành chính của UBND huyện Đồng Hỷ tiến hành kiểm tra công tác cải cách hành chính, kiểm soát thủ tục hành chính và thực thi công vụ tại {p}, {q} và một số địa phương khác.',
      tags: ['Cải cách hành chính', 'UBND huyện'],
    },
    {
      title: 'Công bố chỉ số cải cách hành chính các cơ quan, đơn vị năm 2024',
      lead: 'UBND huyện Đồng Hỷ vừa ban hành quyết định công bố chỉ số cải cách hành chính năm {py} của các phòng, ban chuyên môn và UBND 15 xã, thị trấn, trong đó {P} dẫn đầu khối xã, thị trấn.',
      tags: ['Cải cách hành chính', 'UBND huyện', 'Đồng Hỷ'],
    },
    {
      title: 'Hiệu quả mô hình "Bộ phận Một cửa thân thiện" tại thị trấn Trại Cau',
      lead: 'Sau gần một năm triển khai, mô hình "Bộ phận Một cửa thân thiện" tại thị trấn Trại Cau đã góp phần thay đổi rõ nét phong cách phục vụ của đội ngũ cán bộ, công chức, tạo sự hài lòng cho người dân khi đến giao dịch.',
      tags: ['Cải cách hành chính', 'Dịch vụ công'],
    },
    {
      title: 'Đẩy mạnh thanh toán không dùng tiền mặt trong giải quyết thủ tục hành chính',
      lead: 'Thực hiện chỉ đạo của UBND tỉnh Thái Nguyên, huyện Đồng Hỷ đang đẩy mạnh thanh toán phí, lệ phí trực tuyến, phấn đấu đến cuối năm {y} có trên {a2}% giao dịch tại Bộ phận Một cửa được thanh toán không dùng tiền mặt.',
      tags: ['Chuyển đổi số', 'Dịch vụ công', 'Cải cách hành chính'],
      md: ['Người dân có thể thanh toán qua ứng dụng ngân hàng, ví điện tử hoặc trực tiếp trên ' + DVC_LINK + ' khi nộp hồ sơ; biên lai điện tử được gửi về tài khoản của người nộp ngay sau khi giao dịch thành công.'],
    },
    {
      title: 'Kết quả triển khai Đề án 06 trên địa bàn huyện',
      lead: 'Huyện Đồng Hỷ đã hoàn thành kích hoạt tài khoản định danh điện tử mức độ 2 cho trên {c}% công dân đủ điều kiện, tạo nền tảng để người dân thực hiện thủ tục hành chính trên môi trường số.',
      tags: ['Chuyển đổi số', 'Cải cách hành chính'],
    },
    {
      title: 'Đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
      lead: 'Năm {y}, các cơ quan, đơn vị trên địa bàn huyện Đồng Hỷ tiếp tục đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, hướng tới mục tiêu người dân không phải nộp lại những giấy tờ đã được cơ quan nhà nước số hóa.',
      tags: ['Chuyển đổi số', 'Cải cách hành chính', 'Dịch vụ công'],
    },
    {
      title: 'Tổ công nghệ số cộng đồng: cầu nối đưa dịch vụ công đến gần người dân',
      lead: 'Với {t} tổ công nghệ số cộng đồng được thành lập ở các thôn, xóm, tổ dân phố, huyện Đồng Hỷ đã từng bước đưa kỹ năng số đến với người dân, nhất là người cao tuổi và đồng bào vùng sâu, vùng xa.',
      tags: ['Chuyển đổi số', 'Dịch vụ công'],
      md: ['Các thành viên tổ công nghệ số cộng đồng tại {p} trực tiếp đến từng hộ gia đình hướng dẫn cài đặt ứng dụng VNeID, thanh toán điện tử và tra cứu hồ sơ trên ' + DVC_LINK + '.'],
    },
    {
      title: 'Nâng cao chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính',
      lead: 'Kết quả khảo sát mới đây cho thấy mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn huyện Đồng Hỷ đạt {c}%, cao hơn cùng kỳ năm {py}.',
      tags: ['Cải cách hành chính', 'Dịch vụ công'],
    },
  ],
  'tin-tuc-su-kien': [
    {
      title: 'UBND huyện triển khai nhiệm vụ phát triển kinh tế - xã hội năm 2024',
      lead: 'Ngày {d}/{m}, UBND huyện Đồng Hỷ tổ chức hội nghị triển khai kế hoạch phát triển kinh tế - xã hội, dự toán ngân sách nhà nước năm {y}.',
      tags: ['UBND huyện', 'Kinh tế'],
    },
    {
      title: 'Diễn tập khu vực phòng thủ huyện Đồng Hỷ',
      lead: 'Trong ba ngày, bắt đầu từ ngày {d}/{m}, huyện Đồng Hỷ tổ chức diễn tập khu vực phòng thủ với sự tham gia của các lực lượng quân sự, công an, dân quân tự vệ và nhân dân các xã, thị trấn.',
      tags: ['UBND huyện', 'Đồng Hỷ'],
    },
    {
      title: 'Chủ động phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão',
      lead: 'Trước diễn biến phức tạp của thời tiết trong mùa mưa bão, Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn huyện Đồng Hỷ yêu cầu các xã, thị trấn rà soát các khu vực có nguy cơ sạt lở, ngập úng, chủ động phương án sơ tán người dân.',
      tags: ['Môi trường', 'UBND huyện'],
    },
    {
      title: 'Chủ tịch UBND huyện đối thoại với nhân dân',
      lead: 'Ngày {d}/{m}, Chủ tịch UBND huyện Đồng Hỷ tổ chức hội nghị đối thoại với nhân dân {p} về công tác quản lý đất đai, bồi thường, giải phóng mặt bằng và thực hiện thủ tục hành chính.',
      tags: ['UBND huyện', 'Dịch vụ công'],
    },
    {
      title: 'Bảo đảm an ninh trật tự trong dịp Tết Nguyên đán',
      lead: 'Trong dịp Tết Nguyên đán vừa qua, tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn huyện Đồng Hỷ được giữ vững, không để xảy ra cháy nổ lớn hay tai nạn giao thông nghiêm trọng.',
      tags: ['UBND huyện', 'Đồng Hỷ'],
    },
    {
      title: 'Ra quân vệ sinh môi trường hưởng ứng Ngày Môi trường thế giới',
      lead: 'Sáng ngày {d}/{m}, huyện Đồng Hỷ tổ chức lễ ra quân vệ sinh môi trường, hưởng ứng Ngày Môi trường thế giới 5/6 với sự tham gia của hơn {b} đoàn viên, hội viên và nhân dân.',
      tags: ['Môi trường', 'Đồng Hỷ'],
    },
    {
      title: 'Lãnh đạo huyện tiếp xúc cử tri trước kỳ họp HĐND',
      lead: 'Ngày {d}/{m}, Tổ đại biểu HĐND huyện Đồng Hỷ đã tiếp xúc cử tri tại {p} và {q} trước kỳ họp thường lệ cuối năm {y} của HĐND huyện.',
      tags: ['UBND huyện'],
    },
    {
      title: 'Kỳ họp thường lệ cuối năm của HĐND huyện Đồng Hỷ',
      lead: 'Ngày {d}/{m}, HĐND huyện Đồng Hỷ khai mạc kỳ họp thường lệ cuối năm {y} để xem xét, quyết định nhiều nội dung quan trọng về phát triển kinh tế - xã hội và dự toán ngân sách năm {ny}.',
      tags: ['UBND huyện', 'Đồng Hỷ', 'Kinh tế'],
    },
    {
      title: 'Lễ giao nhận quân năm 2026',
      lead: 'Sáng ngày {d}/{m}, huyện Đồng Hỷ long trọng tổ chức lễ giao nhận quân năm {y}, với {t} thanh niên ưu tú lên đường thực hiện nghĩa vụ quân sự và nghĩa vụ tham gia công an nhân dân.',
      tags: ['UBND huyện', 'Đồng Hỷ'],
    },
    {
      title: 'Đoàn công tác của tỉnh kiểm tra tiến độ các dự án trọng điểm tại Đồng Hỷ',
      lead: 'Ngày {d}/{m}, đoàn công tác của UBND tỉnh Thái Nguyên đã kiểm tra tiến độ thực hiện một số dự án trọng điểm trên địa bàn huyện Đồng Hỷ, trong đó có dự án nâng cấp tuyến đường qua {p}.',
      tags: ['Đồng Hỷ', 'Giao thông'],
    },
    {
      title: 'Sơ kết công tác tiếp công dân, giải quyết khiếu nại, tố cáo 9 tháng',
      lead: '9 tháng năm {y}, các cơ quan, đơn vị trên địa bàn huyện Đồng Hỷ đã tiếp {b} lượt công dân, tiếp nhận và xử lý kịp thời các đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh thuộc thẩm quyền.',
      tags: ['UBND huyện', 'Dịch vụ công'],
    },
  ],
  'kinh-te': [
    {
      title: 'Thu ngân sách nhà nước trên địa bàn huyện vượt dự toán',
      lead: 'Năm {py}, tổng thu ngân sách nhà nước trên địa bàn huyện Đồng Hỷ vượt dự toán tỉnh giao, trong đó nhiều khoản thu tăng khá so với cùng kỳ.',
      tags: ['Kinh tế', 'UBND huyện'],
      md: ['Cụ thể, tổng thu ngân sách đạt **{b} tỷ đồng**, bằng {over}% dự toán; riêng thu từ tiền sử dụng đất đạt **{a} tỷ đồng**.'],
    },
    {
      title: 'Hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận vốn vay ưu đãi',
      lead: 'Ngân hàng Chính sách xã hội và các tổ chức tín dụng trên địa bàn huyện Đồng Hỷ đã phối hợp tổ chức hội nghị kết nối, giúp doanh nghiệp nhỏ và vừa, hợp tác xã tiếp cận các gói vay với lãi suất ưu đãi.',
      tags: ['Kinh tế'],
    },
    {
      title: 'Hội chợ thương mại và giới thiệu sản phẩm OCOP huyện Đồng Hỷ',
      lead: 'Từ ngày {d}/{m}, Hội chợ thương mại và giới thiệu sản phẩm OCOP huyện Đồng Hỷ năm {y} diễn ra với {t} gian hàng của các doanh nghiệp, hợp tác xã và hộ sản xuất trong và ngoài tỉnh.',
      tags: ['Kinh tế', 'Chè Thái Nguyên', 'Đồng Hỷ'],
    },
    {
      title: 'Đẩy nhanh giải phóng mặt bằng các dự án trọng điểm',
      lead: 'Huyện Đồng Hỷ đang tập trung cao cho công tác giải phóng mặt bằng, phấn đấu bàn giao đủ mặt bằng sạch cho các dự án trọng điểm trước ngày 31/12/{y}.',
      tags: ['Kinh tế', 'Giao thông'],
    },
    {
      title: 'Thu hút đầu tư vào các cụm công nghiệp trên địa bàn huyện',
      lead: 'Năm {y}, huyện Đồng Hỷ tiếp tục hoàn thiện hạ tầng các cụm công nghiệp, tạo điều kiện thuận lợi để thu hút các nhà đầu tư trong lĩnh vực chế biến nông, lâm sản và cơ khí.',
      tags: ['Kinh tế'],
    },
    {
      title: 'Khởi công nâng cấp tuyến đường liên xã Hóa Trung - Hóa Thượng',
      lead: 'Sáng ngày {d}/{m}, UBND huyện Đồng Hỷ tổ chức lễ khởi công dự án nâng cấp, mở rộng tuyến đường liên xã Hóa Trung - Hóa Thượng với tổng mức đầu tư trên {a} tỷ đồng.',
      tags: ['Giao thông', 'Kinh tế'],
    },
    {
      title: 'Phát triển du lịch sinh thái gắn với vùng chè',
      lead: 'Tận dụng lợi thế những đồi chè xanh mướt, nhiều hộ dân ở {p} đã phát triển mô hình du lịch trải nghiệm, homestay, thu hút du khách đến tham quan, hái chè và thưởng trà.',
      tags: ['Kinh tế', 'Chè Thái Nguyên', 'Văn hóa'],
    },
    {
      title: 'Tăng cường quản lý thị trường, chống hàng giả dịp cuối năm',
      lead: 'Để ổn định thị trường dịp cuối năm và Tết Nguyên đán, Ban Chỉ đạo 389 huyện Đồng Hỷ đã thành lập các đoàn kiểm tra liên ngành, tập trung kiểm tra các cơ sở kinh doanh thực phẩm, hàng tiêu dùng.',
      tags: ['Kinh tế'],
    },
    {
      title: 'Đưa nông sản Đồng Hỷ lên sàn thương mại điện tử',
      lead: 'Nhiều hợp tác xã, hộ sản xuất chè và nông sản trên địa bàn huyện đã đưa sản phẩm lên các sàn thương mại điện tử, mở rộng thị trường tiêu thụ ra ngoài tỉnh.',
      tags: ['Kinh tế', 'Chè Thái Nguyên', 'Chuyển đổi số'],
    },
    {
      title: 'Giải ngân vốn đầu tư công 6 tháng đầu năm đạt kết quả tích cực',
      lead: 'Tính đến giữa tháng 6/{y}, huyện Đồng Hỷ đã giải ngân được {half}% kế hoạch vốn đầu tư công được giao, cao hơn mức bình quân chung của tỉnh.',
      tags: ['Kinh tế', 'UBND huyện'],
    },
    {
      title: 'Sản xuất công nghiệp, tiểu thủ công nghiệp 9 tháng tăng trưởng khá',
      lead: '9 tháng năm {y}, giá trị sản xuất công nghiệp, tiểu thủ công nghiệp trên địa bàn huyện Đồng Hỷ ước đạt {b2} tỷ đồng, tăng {g}% so với cùng kỳ năm trước.',
      tags: ['Kinh tế'],
    },
  ],
  'van-hoa-xa-hoi': [
    {
      title: 'Khai mạc Lễ hội Xuân truyền thống',
      lead: 'Sáng ngày {d}/{m}, tại {p}, UBND huyện Đồng Hỷ phối hợp với chính quyền địa phương tổ chức khai mạc Lễ hội Xuân truyền thống, thu hút hàng nghìn người dân và du khách.',
      tags: ['Lễ hội', 'Văn hóa'],
      md: [
        '## Phần lễ',
        'Phần lễ được tổ chức trang nghiêm với nghi thức dâng hương, cầu quốc thái dân an, mưa thuận gió hòa, mùa màng bội thu.',
        '## Phần hội',
        'Phần hội diễn ra sôi nổi với nhiều trò chơi dân gian như kéo co, đẩy gậy, ném còn, đánh cờ tướng và thi pha trà.',
      ],
    },
    {
      title: 'Khai mạc Giải bóng đá thanh niên các xã, thị trấn',
      lead: 'Chiều ngày {d}/{m}, Trung tâm Văn hóa – Thể thao và Truyền thông huyện Đồng Hỷ khai mạc Giải bóng đá thanh niên năm {y} với sự tham gia của {few} đội bóng đến từ các xã, thị trấn.',
      tags: ['Văn hóa'],
    },
    {
      title: 'Liên hoan văn nghệ quần chúng chào mừng Quốc khánh 2/9',
      lead: 'Tối 1/9, tại {p}, huyện Đồng Hỷ tổ chức Liên hoan văn nghệ quần chúng chào mừng kỷ niệm Cách mạng Tháng Tám và Quốc khánh 2/9 với nhiều tiết mục đặc sắc.',
      tags: ['Văn hóa', 'Lễ hội'],
    },
    {
      title: 'Chi trả trợ cấp xã hội qua tài khoản ngân hàng',
      lead: 'Thực hiện chủ trương chi trả an sinh xã hội không dùng tiền mặt, đến nay {c}% đối tượng hưởng trợ cấp xã hội hằng tháng trên địa bàn huyện Đồng Hỷ đã nhận tiền qua tài khoản ngân hàng.',
      tags: ['An sinh xã hội', 'Chuyển đổi số'],
    },
    {
      title: 'Đồng Hỷ hỗ trợ xóa nhà tạm, nhà dột nát cho hộ nghèo',
      lead: 'Năm {y}, huyện Đồng Hỷ phấn đấu hoàn thành hỗ trợ xóa nhà tạm, nhà dột nát cho {t} hộ nghèo, hộ cận nghèo và gia đình có hoàn cảnh khó khăn về nhà ở.',
      tags: ['An sinh xã hội', 'Đồng Hỷ'],
    },
    {
      title: 'Bảo tồn nghệ thuật hát Then, đàn Tính của đồng bào Tày',
      lead: 'Câu lạc bộ hát Then, đàn Tính ở {p} hiện có {a} thành viên, thường xuyên sinh hoạt, truyền dạy cho thế hệ trẻ và biểu diễn phục vụ các sự kiện của địa phương.',
      tags: ['Văn hóa'],
    },
    {
      title: 'Tưng bừng Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư',
      lead: 'Hướng tới kỷ niệm Ngày truyền thống Mặt trận Tổ quốc Việt Nam 18/11, các khu dân cư trên địa bàn huyện Đồng Hỷ đồng loạt tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {y}.',
      tags: ['Văn hóa', 'Lễ hội'],
    },
    {
      title: 'Trao quà Tết cho hộ nghèo, gia đình chính sách',
      lead: 'Nhân dịp Tết Nguyên đán sắp đến, lãnh đạo huyện Đồng Hỷ đã đến thăm, tặng {b} suất quà cho các hộ nghèo, gia đình chính sách, người có công với cách mạng tại {p} và {q}.',
      tags: ['An sinh xã hội', 'UBND huyện'],
    },
    {
      title: 'Đào tạo nghề, giải quyết việc làm cho lao động nông thôn',
      lead: 'Năm {y}, huyện Đồng Hỷ phấn đấu giải quyết việc làm mới cho {b2} lao động, trong đó có {b} lao động được đào tạo nghề ngắn hạn trong các lĩnh vực may công nghiệp, chế biến chè, sửa chữa máy nông nghiệp.',
      tags: ['An sinh xã hội', 'Kinh tế'],
    },
    {
      title: 'Tuyên truyền phòng, chống bạo lực gia đình tại cơ sở',
      lead: 'Hưởng ứng Tháng hành động quốc gia về phòng, chống bạo lực gia đình, Phòng Văn hóa và Thông tin huyện Đồng Hỷ phối hợp với {p} tổ chức tuyên truyền cho hơn {b} người dân.',
      tags: ['An sinh xã hội', 'Văn hóa'],
    },
    {
      title: 'Khai mạc Đại hội Thể dục thể thao huyện Đồng Hỷ năm 2026',
      lead: 'Sáng ngày {d}/{m}, huyện Đồng Hỷ long trọng tổ chức lễ khai mạc Đại hội Thể dục thể thao cấp huyện năm {y} với sự tham gia của hơn {b} vận động viên.',
      tags: ['Văn hóa', 'Lễ hội', 'Đồng Hỷ'],
    },
  ],
  'nong-nghiep-nong-thon': [
    {
      title: 'Chăm sóc chè vụ xuân, nâng cao năng suất và chất lượng',
      lead: 'Những ngày đầu tháng 3, bà con nông dân ở {p} và {q} tập trung đốn tỉa, bón phân, chăm sóc các nương chè, chuẩn bị cho lứa chè xuân đầu tiên của năm {y}.',
      tags: ['Chè Thái Nguyên', 'Nông nghiệp'],
    },
    {
      title: 'Gieo cấy lúa vụ mùa đúng khung thời vụ',
      lead: 'Vụ mùa năm {y}, toàn huyện Đồng Hỷ phấn đấu gieo cấy {rice} ha lúa, tập trung sử dụng các giống lúa chất lượng cao, ngắn ngày để chủ động né tránh mưa bão cuối vụ.',
      tags: ['Nông nghiệp'],
    },
    {
      title: 'Khắc phục hậu quả mưa lũ, khôi phục sản xuất nông nghiệp',
      lead: 'Sau đợt mưa lũ lớn vừa qua, huyện Đồng Hỷ khẩn trương huy động lực lượng giúp nhân dân khắc phục hậu quả, khôi phục sản xuất trên diện tích lúa, hoa màu và chè bị ngập úng.',
      tags: ['Nông nghiệp', 'Môi trường'],
    },
    {
      title: 'Xã Văn Hán đón nhận Bằng công nhận đạt chuẩn nông thôn mới nâng cao',
      lead: 'Ngày {d}/{m}, xã Văn Hán long trọng tổ chức lễ đón nhận Bằng công nhận xã đạt chuẩn nông thôn mới nâng cao năm {y}.',
      tags: ['Nông thôn mới', 'Đồng Hỷ'],
    },
    {
      title: 'Phát triển rừng sản xuất, nâng cao độ che phủ rừng',
      lead: 'Vụ xuân năm {y}, huyện Đồng Hỷ phấn đấu trồng mới {forest} ha rừng tập trung, chủ yếu là keo lai và các loài cây gỗ lớn bản địa, góp phần nâng cao độ che phủ rừng.',
      tags: ['Nông nghiệp', 'Môi trường'],
    },
    {
      title: 'Mở rộng diện tích chè sản xuất theo tiêu chuẩn VietGAP, hữu cơ',
      lead: 'Hiện nay, diện tích chè được chứng nhận VietGAP và hữu cơ tại {p} đã tăng lên {a} ha, giúp sản phẩm chè Đồng Hỷ có mặt tại nhiều siêu thị và cửa hàng đặc sản.',
      tags: ['Chè Thái Nguyên', 'Nông nghiệp'],
    },
    {
      title: 'Nhân dân xã Tân Long hiến đất, góp công làm đường bê tông',
      lead: 'Năm {y}, nhân dân xã Tân Long đã tự nguyện hiến hơn {b2} m² đất, góp hàng nghìn ngày công để cứng hóa các tuyến đường giao thông nông thôn, góp phần giữ vững các tiêu chí nông thôn mới.',
      tags: ['Nông thôn mới', 'Giao thông'],
      md: [
        '## Cách làm của Tân Long',
        'Để phong trào lan tỏa, xã đã áp dụng nhiều cách làm sáng tạo:',
        '- Công khai thiết kế, dự toán và danh sách hộ đóng góp tại nhà văn hóa xóm;\n- Giao cho các xóm tự tổ chức thi công dưới sự giám sát của Ban giám sát đầu tư cộng đồng;\n- Biểu dương, khen thưởng kịp thời các hộ tiêu biểu trong hiến đất, góp công.',
      ],
    },
    {
      title: 'Phòng, chống đói rét cho đàn gia súc trong mùa đông',
      lead: 'Trước đợt không khí lạnh tăng cường, Phòng Nông nghiệp và Phát triển nông thôn huyện Đồng Hỷ đã hướng dẫn bà con che chắn chuồng trại, dự trữ thức ăn và tiêm phòng vắc xin cho đàn trâu, bò.',
      tags: ['Nông nghiệp'],
    },
    {
      title: 'Nâng tầm sản phẩm OCOP từ chè và nông sản địa phương',
      lead: 'Đến nay, huyện Đồng Hỷ có {a} sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao trở lên, phần lớn là sản phẩm chè và các sản phẩm chế biến từ nông sản địa phương.',
      tags: ['Chè Thái Nguyên', 'Kinh tế', 'Nông nghiệp'],
    },
    {
      title: 'Ứng dụng chuyển đổi số trong sản xuất và tiêu thụ chè',
      lead: 'Nhiều hợp tác xã chè ở {p} đã ứng dụng nhật ký sản xuất điện tử, tem truy xuất nguồn gốc bằng mã QR, giúp người tiêu dùng dễ dàng kiểm tra thông tin sản phẩm.',
      tags: ['Chuyển đổi số', 'Chè Thái Nguyên'],
    },
    {
      title: 'Sôi nổi Hội thi pha chè, thưởng trà huyện Đồng Hỷ',
      lead: 'Ngày {d}/{m}, tại {p}, huyện Đồng Hỷ tổ chức Hội thi pha chè, thưởng trà năm {y} với sự tham gia của {few} đội thi đến từ các xã, thị trấn.',
      tags: ['Chè Thái Nguyên', 'Lễ hội', 'Văn hóa'],
    },
  ],
  'giao-duc-y-te': [
    {
      title: 'Thi chọn học sinh giỏi lớp 9 cấp huyện',
      lead: 'Ngày {d}/{m}, Phòng Giáo dục và Đào tạo huyện Đồng Hỷ tổ chức kỳ thi chọn học sinh giỏi lớp 9 cấp huyện năm học {sy} với {b} thí sinh dự thi ở 9 môn văn hóa.',
      tags: ['Giáo dục'],
      pool: 'gd',
    },
    {
      title: 'Chuẩn bị chu đáo cho kỳ tuyển sinh vào lớp 6 và lớp 10',
      lead: 'Ngành giáo dục huyện Đồng Hỷ đã hoàn tất kế hoạch tuyển sinh vào lớp 6 và chuẩn bị chu đáo cho kỳ thi tuyển sinh vào lớp 10 trung học phổ thông với trên {b} học sinh lớp 9 đăng ký dự thi.',
      tags: ['Giáo dục'],
      pool: 'gd',
    },
    {
      title: 'Chủ động phòng, chống sốt xuất huyết',
      lead: 'Trước diễn biến của bệnh sốt xuất huyết tại một số địa phương trong tỉnh, Trung tâm Y tế huyện Đồng Hỷ đã tổ chức phun hóa chất diệt muỗi, phát động chiến dịch diệt bọ gậy tại {p} và {q}.',
      tags: ['Y tế', 'Môi trường'],
      pool: 'yt',
    },
    {
      title: 'Ngành giáo dục huyện sơ kết học kỳ I, triển khai nhiệm vụ học kỳ II',
      lead: 'Ngày {d}/{m}, Phòng Giáo dục và Đào tạo huyện Đồng Hỷ tổ chức hội nghị sơ kết học kỳ I, triển khai nhiệm vụ học kỳ II năm học {sy}.',
      tags: ['Giáo dục'],
      pool: 'gd',
    },
    {
      title: 'Khám sức khỏe, cấp thuốc miễn phí cho người cao tuổi',
      lead: 'Trung tâm Y tế huyện Đồng Hỷ phối hợp với Hội Người cao tuổi tổ chức khám sức khỏe, cấp thuốc miễn phí cho {b} người cao tuổi tại {p}.',
      tags: ['Y tế', 'An sinh xã hội'],
      pool: 'yt',
    },
    {
      title: 'Tổng kết năm học, triển khai nhiệm vụ năm học mới',
      lead: 'Ngày {d}/{m}, ngành giáo dục huyện Đồng Hỷ tổ chức hội nghị tổng kết năm học {sy} và triển khai phương hướng, nhiệm vụ năm học {nsy}.',
      tags: ['Giáo dục', 'UBND huyện'],
      pool: 'gd',
    },
    {
      title: 'Thêm trường học đạt chuẩn quốc gia, góp phần xây dựng nông thôn mới',
      lead: 'Năm {y}, Trường Tiểu học {pname} được công nhận đạt chuẩn quốc gia mức độ 1, nâng tổng số trường đạt chuẩn quốc gia trên địa bàn huyện lên {sch2} trường.',
      tags: ['Giáo dục', 'Nông thôn mới'],
      pool: 'gd',
    },
    {
      title: 'Tiêm chủng mở rộng cho trẻ em dưới 5 tuổi',
      lead: 'Từ ngày {d}/{m}, trạm y tế các xã, thị trấn trên địa bàn huyện Đồng Hỷ đồng loạt tổ chức tiêm chủng mở rộng cho trẻ em dưới 5 tuổi.',
      tags: ['Y tế'],
      pool: 'yt',
      md: [
        'Các loại vắc xin được tiêm trong đợt này gồm:',
        '- Vắc xin 5 trong 1 phòng bạch hầu, ho gà, uốn ván, viêm gan B và Hib;\n- Vắc xin phòng sởi - rubella;\n- Vắc xin phòng viêm não Nhật Bản.',
        '**Phụ huynh lưu ý** mang theo sổ tiêm chủng hoặc thông tin tiêm chủng trên ứng dụng VNeID khi đưa trẻ đi tiêm.',
      ],
    },
    {
      title: 'Trung tâm Y tế huyện triển khai bệnh án điện tử',
      lead: 'Từ tháng {m}/{y}, Trung tâm Y tế huyện Đồng Hỷ chính thức triển khai bệnh án điện tử, thay thế hồ sơ bệnh án giấy cho người bệnh điều trị nội trú.',
      tags: ['Y tế', 'Chuyển đổi số'],
      pool: 'yt',
    },
    {
      title: 'Bảo đảm an toàn thực phẩm bếp ăn bán trú trước thềm năm học mới',
      lead: 'Đoàn kiểm tra liên ngành về an toàn thực phẩm huyện Đồng Hỷ vừa kiểm tra bếp ăn bán trú tại {few} trường mầm non, tiểu học trên địa bàn.',
      tags: ['Y tế', 'Giáo dục'],
      pool: 'yt',
    },
    {
      title: 'Ngành giáo dục Đồng Hỷ kỷ niệm Ngày Nhà giáo Việt Nam 20/11',
      lead: 'Sáng ngày {d}/{m}, ngành giáo dục huyện Đồng Hỷ long trọng tổ chức lễ kỷ niệm Ngày Nhà giáo Việt Nam 20/11 và tôn vinh các nhà giáo tiêu biểu năm {y}.',
      tags: ['Giáo dục', 'Đồng Hỷ'],
      pool: 'gd',
    },
  ],
};

const CAT_ORDER = demoCategories.map((c) => c.slug);
const PER_CAT = 11;
const TOTAL = CAT_ORDER.length * PER_CAT;
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 2);
const END = Date.UTC(2026, 10, 20);
const TIE_INDEX = 33; // this article gets exactly the same publishedAt as the previous one (pagination tie-breaking)

function pad(n: number): string { return String(n).padStart(2, '0'); }
function num(n: number): string { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); }
function dec(whole: number, tenth: number): string { return whole + ',' + tenth; }
function cap(s: string): string { return s.charAt(0).toUpperCase() + s.slice(1); }

// Spread evenly over START..END, weekend dates moved to the nearest weekday, office hours 08:00-16:59.
function dateFor(i: number): { iso: string; y: number; m: number; d: number } {
  let t = START + Math.round((i * (END - START)) / DAY / (TOTAL - 1)) * DAY;
  const wd = new Date(t).getUTCDay();
  if (wd === 6) t -= DAY;
  if (wd === 0) t += DAY;
  const dt = new Date(t);
  const y = dt.getUTCFullYear(), m = dt.getUTCMonth() + 1, d = dt.getUTCDate();
  const hh = 8 + ((i * 5) % 9), mm = (i * 17 + 7) % 60;
  return { iso: `${y}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:00+07:00`, y, m, d };
}

// Checked lookup (the project compiles with noUncheckedIndexedAccess).
function at<T>(xs: Record<string | number, T> | readonly T[], key: string | number): T {
  const v = (xs as Record<string | number, T | undefined>)[key];
  if (v === undefined) throw new Error('demo-content: missing ' + String(key));
  return v;
}

function fill(s: string, ctx: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_: string, k: string) => at(ctx, k));
}

function firstSentence(s: string): string {
  const m = /^(.+?[.!?…])(?:\s|$)/s.exec(s);
  return m?.[1] ?? s;
}

function generate(): DemoArticle[] {
  const out: DemoArticle[] = [];
  for (let k = 0; k < PER_CAT; k++) {
    for (let c = 0; c < CAT_ORDER.length; c++) {
      const i = k * CAT_ORDER.length + c;
      const slug = at(CAT_ORDER, c);
      const topic = at(at(TOPICS, slug), k);
      const pool = topic.pool ?? slug;
      const date = dateFor(i === TIE_INDEX ? i - 1 : i);
      const p = at(PLACES, (i * 5 + 3) % PLACES.length);
      const q = at(PLACES, (i * 7 + 10) % PLACES.length);
      const sy = date.m >= 8 ? date.y : date.y - 1;
      const ctx: Record<string, string> = {
        p, q, P: cap(p), pname: p.replace(/^(xã|thị trấn) /, ''),
        y: String(date.y), py: String(date.y - 1), ny: String(date.y + 1), d: String(date.d), m: String(date.m),
        sy: `${sy} - ${sy + 1}`, nsy: `${sy + 1} - ${sy + 2}`,
        a: String(12 + ((i * 7) % 37)),
        a2: String(60 + ((i * 3) % 30)),
        b: String(150 + ((i * 53) % 800)),
        b2: num(1200 + ((i * 379) % 8000)),
        t: String(60 + ((i * 11) % 40)),
        few: String(8 + (i % 8)),
        s: String(3 + (i % 7)),
        s2: String(5 + ((i * 3) % 9)),
        c: dec(88 + (i % 11), (i * 7) % 10),
        g: dec(8 + (i % 4), (i * 3) % 10),
        inc: String(70 + ((i * 3) % 25)),
        over: String(101 + ((i * 7) % 24)),
        half: String(45 + (i % 15)),
        goals: String(18 + (i % 5)),
        pov: dec(2 + (i % 3), (i * 7) % 10),
        cult: String(85 + (i % 10)),
        vil: String(90 + (i % 10)),
        tea: num(1400 + ((i * 37) % 300)),
        yield: String(120 + ((i * 3) % 20)),
        ntm: String(date.y - 2024 + 11),
        ntmn: String(date.y - 2024 + 3),
        rice: num(2100 + ((i * 23) % 500)),
        forest: String(300 + ((i * 13) % 200)),
        sch: String(45 + (i % 3)),
        sch2: String(30 + (date.y - 2024) * 2),
        stu: num(21000 + ((i * 211) % 3000)),
        std: String(70 + (i % 15)),
        bhyt: dec(93 + (i % 6), (i * 3) % 10),
        vis: num(40000 + ((i * 977) % 20000)),
        doc: String(5 + (i % 4)),
      };
      const templates = at(TEMPLATES, pool);
      const extra = topic.md ? 1 : 1 + ((k + c) % 3);
      const paras: string[] = [topic.lead];
      if (topic.md) paras.push(...topic.md);
      for (let j = 0; j < extra; j++) paras.push(at(templates, (k + c + j) % templates.length));
      const lead = fill(topic.lead, ctx);
      const byline = (k + c) % 3 === 2
        ? at(OFFICES, pool)
        : at(REPORTERS, (i * 5 + k) % REPORTERS.length) + ' ' + CENTER;
      out.push({
        title: topic.title,
        summary: firstSentence(lead),
        body: paras.map((s) => fill(s, ctx)).join('\n\n'),
        categorySlug: slug,
        tags: topic.tags,
        byline,
        publishedAt: date.iso,
        status: 'published',
      });
    }
  }
  return out;
}

const INTERNAL = 'Bản dự thảo nội bộ, chưa được phê duyệt, không đăng tải công khai.';

const unpublished: DemoArticle[] = [
  {
    title: 'Dự thảo: Kế hoạch cải cách hành chính năm 2027',
    summary: 'Dự thảo kế hoạch cải cách hành chính năm 2027 của UBND huyện Đồng Hỷ.',
    body: INTERNAL + '\n\nPhòng Nội vụ tổng hợp ý kiến góp ý của các phòng, ban chuyên môn và UBND các xã, thị trấn trước khi trình UBND huyện ban hành.',
    categorySlug: 'cai-cach-hanh-chinh',
    tags: ['Cải cách hành chính', 'UBND huyện'],
    byline: 'Phòng Nội vụ huyện Đồng Hỷ',
    publishedAt: '2026-11-23T08:30:00+07:00',
    status: 'draft',
  },
  {
    title: 'Dự thảo: Báo cáo tình hình kinh tế - xã hội năm 2026',
    summary: 'Dự thảo báo cáo tình hình kinh tế - xã hội năm 2026, phương hướng nhiệm vụ năm 2027.',
    body: INTERNAL + '\n\nCác số liệu trong dự thảo là số ước tính, sẽ được cập nhật sau khi có báo cáo chính thức của các ngành.',
    categorySlug: 'kinh-te',
    tags: ['Kinh tế', 'UBND huyện'],
    byline: 'Phòng Tài chính - Kế hoạch huyện Đồng Hỷ',
    publishedAt: '2026-11-24T14:15:00+07:00',
    status: 'draft',
  },
  {
    title: 'Dự thảo: Thông báo lịch tiếp công dân của lãnh đạo huyện tháng 12',
    summary: 'Dự thảo thông báo lịch tiếp công dân định kỳ của lãnh đạo UBND huyện trong tháng 12.',
    body: INTERNAL + '\n\nLịch tiếp công dân cụ thể sẽ được Văn phòng HĐND và UBND huyện thông báo sau khi lãnh đạo huyện thống nhất.',
    categorySlug: 'tin-tuc-su-kien',
    tags: ['UBND huyện', 'Dịch vụ công'],
    byline: 'Văn phòng HĐND và UBND huyện Đồng Hỷ',
    publishedAt: '2026-11-25T10:05:00+07:00',
    status: 'draft',
  },
  {
    title: 'Dự thảo (hẹn giờ): Chương trình Lễ hội Xuân năm 2027',
    summary: 'Chương trình Lễ hội Xuân năm 2027, hẹn giờ đăng tải.',
    body: INTERNAL + '\n\nChương trình gồm phần lễ dâng hương và phần hội với các trò chơi dân gian, thi pha trà, giao lưu văn nghệ.',
    categorySlug: 'van-hoa-xa-hoi',
    tags: ['Lễ hội', 'Văn hóa'],
    byline: 'Phòng Văn hóa và Thông tin huyện Đồng Hỷ',
    publishedAt: '2027-02-08T08:00:00+07:00',
    status: 'scheduled',
  },
  {
    title: 'Dự thảo (hẹn giờ): Kế hoạch tuyển sinh năm học 2027 - 2028',
    summary: 'Kế hoạch tuyển sinh vào lớp 1, lớp 6 năm học 2027 - 2028, hẹn giờ đăng tải.',
    body: INTERNAL + '\n\nKế hoạch quy định chỉ tiêu, địa bàn tuyển sinh và thời gian nhận hồ sơ của các trường mầm non, tiểu học, trung học cơ sở.',
    categorySlug: 'giao-duc-y-te',
    tags: ['Giáo dục'],
    byline: 'Phòng Giáo dục và Đào tạo huyện Đồng Hỷ',
    publishedAt: '2027-04-15T09:00:00+07:00',
    status: 'scheduled',
  },
];

export const demoArticles: DemoArticle[] = [seedArticle, ...generate(), ...unpublished];
