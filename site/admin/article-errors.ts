// The one mapping of the write service's domain errors to what the admin shows: a status, a
// Vietnamese message, and the messages next to the fields they concern. Anything else is rethrown.
import { DomainError } from '../../functions/articles/errors.ts';
import { formFieldOf, type FieldErrors } from './article-form.ts';

export interface FormRefusal {
  /** Which domain error it was: the editor shows a conflict with both versions, not a message. */
  code: DomainError['code'];
  status: number;
  message: string;
  fields: FieldErrors;
}

export const CONFLICT_MESSAGE = 'Bài viết vừa được người khác thay đổi. Vui lòng tải lại trang, xem bản mới rồi thử lại.';
const SLUG_TAKEN = 'Đường dẫn này đã được bài viết khác dùng. Vui lòng chọn đường dẫn khác.';
const INVALID = 'Vui lòng sửa các ô được đánh dấu.';
export const SITE_ARCHIVED = 'Trang này đã được lưu trữ: nội dung chỉ còn để xem, không thể thêm, sửa hay xóa bài viết.';

function fieldMessage(field: ReturnType<typeof formFieldOf>): string {
  if (field === 'publishAt') return 'Thời điểm đăng phải sau thời điểm hiện tại.';
  if (field === 'tags') return 'Mỗi từ khóa cần có ít nhất một chữ cái hoặc chữ số.';
  // The service refuses a body only when it and its HTML would not fit one database row (1,9 MB).
  if (field === 'body') return 'Bài viết quá dài để lưu: nội dung và bản HTML vượt quá 1,9 MB. Vui lòng tách thành nhiều bài hoặc rút gọn.';
  return 'Giá trị không hợp lệ.';
}

export function formRefusalOf(error: unknown): FormRefusal {
  if (!(error instanceof DomainError)) throw error;
  switch (error.code) {
    case 'version-conflict':
      return { code: error.code, status: 409, message: CONFLICT_MESSAGE, fields: {} };
    case 'gone':
      return { code: error.code, status: 410, message: 'Bài viết đã xóa quá 30 ngày, không thể khôi phục.', fields: {} };
    case 'not-found':
      return { code: error.code, status: 404, message: 'Không tìm thấy bài viết trong thùng rác.', fields: {} };
    case 'slug-taken':
      return { code: error.code, status: 422, message: SLUG_TAKEN, fields: { slug: SLUG_TAKEN } };
    case 'site-archived':
      return { code: error.code, status: 409, message: SITE_ARCHIVED, fields: {} };
    case 'invalid-cursor': // reader and API lists only; no admin form pages by cursor
      return { code: error.code, status: 400, message: 'Giá trị không hợp lệ.', fields: {} };
    case 'invalid-fields': {
      const fields: FieldErrors = {};
      for (const e of 'errors' in error ? (error.errors as { field: string }[]) : []) {
        const field = formFieldOf(e.field);
        fields[field] ??= fieldMessage(field);
      }
      return { code: error.code, status: 422, message: INVALID, fields };
    }
  }
}
