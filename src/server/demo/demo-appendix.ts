import ExcelJS from 'exceljs';

/**
 * A realistic task appendix ("Phụ lục") of a provincial plan implementing Resolution 57-NQ/TW, in
 * the shape officials send: title rows, a header, a row of column numbers, Roman group headings, a
 * letter subgroup, every deadline form, short names, aliases, a predecessor, groups, notes,
 * Excel date cells and completion dates of tasks already done. Used by the demo data and the tests.
 */
export async function buildDemoAppendix(year = 2026): Promise<Buffer> {
  const y = year;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Phụ lục');
  sheet.addRow(['PHỤ LỤC']);
  sheet.addRow([`DANH MỤC NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT SỐ 57-NQ/TW NĂM ${y}`]);
  sheet.addRow([`(Kèm theo Kế hoạch số 125/KH-UBND của UBND tỉnh Phú Thọ)`]);
  sheet.mergeCells('A1:G1');
  sheet.mergeCells('A2:G2');
  sheet.mergeCells('A3:G3');
  sheet.addRow([]);
  sheet.addRow(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời gian hoàn thành', 'Ngày hoàn thành']);
  sheet.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)']);
  const date = (month: number, day: number, yearOf = y) => new Date(Date.UTC(yearOf, month - 1, day));
  const rows: (string | number | Date | null)[][] = [
    ['I', 'HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH', null, null, null, null, null],
    [1, 'Xây dựng Đề án chuyển đổi số tỉnh Phú Thọ giai đoạn 2026-2030', 'Sở Khoa học và Công nghệ', 'Các sở, ban, ngành liên quan', 'Quyết định của UBND tỉnh', `30/6/${y}`, `20/06/${y}`],
    [2, 'Ban hành Quy chế quản lý, khai thác dữ liệu số của tỉnh', 'Sở KH&CN', 'Sở Tư pháp, Sở Nội vụ', 'Quyết định của UBND tỉnh', `Quý I/${y}`, date(4, 15)],
    [3, 'Rà soát, tái cấu trúc quy trình thủ tục hành chính để cung cấp dịch vụ công trực tuyến toàn trình', 'Văn phòng UBND tỉnh', 'Các sở, ngành', 'Báo cáo', `Tháng 9/${y}`, null],
    ['a)', 'Chính sách hỗ trợ doanh nghiệp', null, null, null, null, null],
    [4, 'Xây dựng chính sách hỗ trợ doanh nghiệp công nghệ số, khởi nghiệp sáng tạo', 'Sở Tài chính', 'Sở Kế hoạch và Đầu tư; Sở Công Thương', 'Nghị quyết của HĐND tỉnh', date(12, 31), null],
    ['II', 'PHÁT TRIỂN HẠ TẦNG SỐ', null, null, null, null, null],
    [5, 'Phủ sóng 5G tại trung tâm các xã, phường và khu công nghiệp', 'Viettel Phú Thọ, VNPT Phú Thọ và MobiFone Phú Thọ', 'Sở KH&CN; UBND các xã, phường', 'Báo cáo kết quả', `6 tháng cuối năm ${y}`, null],
    [6, 'Xóa điểm lõm sóng di động trên địa bàn', 'UBND các xã, phường', 'Các doanh nghiệp viễn thông liên quan', 'Báo cáo', `Năm ${y}`, null],
    [7, 'Cập nhật, làm sạch dữ liệu dân cư phục vụ chuyển đổi số', 'Công an tỉnh', 'UBND cấp xã', 'Dữ liệu được cập nhật', 'Thường xuyên', null],
    [8, 'Báo cáo tình hình thực hiện chuyển đổi số', 'Sở Thông tin và Truyền thông', 'Các sở, ban, ngành', 'Báo cáo', 'Hằng năm', null],
    [9, 'Đào tạo kỹ năng số cho cán bộ, công chức', 'Sở Nội vụ', 'Trường Đại học Hùng Vương', 'Lớp bồi dưỡng', date(10, 1), null],
    [10, 'Đầu tư hạ tầng số tại các khu công nghiệp', 'Ban Quản lý các KCN', 'Sở Tài chính', 'Báo cáo', `${y} - ${y + 1}`, null],
    ['III', 'PHÁT TRIỂN XÃ HỘI SỐ', null, null, null, null, null],
    [11, 'Triển khai hồ sơ sức khỏe điện tử', 'Sở Y tế', null, 'Báo cáo', `Quý 2/${y}`, `30/6/${y}`],
    [12, 'Chuyển đổi số trong giáo dục phổ thông', 'Sở GD&ĐT', 'Sở Tài chính', 'Kế hoạch', `Trước 15/8/${y}`, null],
    [13, 'Số hóa di sản văn hóa', 'Sở Văn hóa, Thể thao và Du lịch', 'Báo và Phát thanh, Truyền hình Phú Thọ', 'Cơ sở dữ liệu', y + 1, null],
    [14, 'Tuyên truyền về chuyển đổi số trên báo chí', 'Báo và Phát thanh, Truyền hình Phú Thọ', null, 'Chuyên mục', `6/${y}`, `5/6/${y}`],
    [15, 'Phát triển thương mại điện tử', 'Sở Công Thương', 'Các xã, phường', 'Báo cáo', `Quý II năm ${y}`, null],
    [16, 'Quản lý hạ tầng đô thị thông minh', 'Sở Xây dựng', null, 'Báo cáo', 'Nhiệm vụ thường xuyên', null],
    [17, 'Chuyển đổi số nông nghiệp', 'Sở Nông nghiệp và Môi trường', 'UBND các xã, phường', 'Báo cáo', `6 tháng đầu năm ${y}`, `10/7/${y}`],
  ];
  for (const values of rows) {
    const row = sheet.addRow(values);
    if (typeof values[0] === 'string' && /^[IVX]+$/.test(values[0])) {
      sheet.mergeCells(row.number, 2, row.number, 7);
      row.font = { bold: true };
    }
  }
  // Date cells: a full date shown dd/mm/yyyy, and one shown as a month.
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    });
  });
  sheet.getCell(`F${5 + 2 + 11}`).numFmt = 'mm/yyyy';
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 30;
  sheet.getColumn(4).width = 30;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
