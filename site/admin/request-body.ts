// What an admin write may carry, checked by the middleware before any page reads the body: a form
// (urlencoded or multipart) that parses, or plain text where a page reads text (the live preview).
// So a JSON, text or broken body is a 4xx with a Vietnamese message, never a 500 from formData().

/** Admin paths whose POST body is plain text, not a form (read with request.text()). */
export const TEXT_BODY_PATHS: ReadonlySet<string> = new Set(['/admin/xem-truoc-noi-dung']);

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export const BODY_NOT_FORM = 'Dữ liệu gửi lên phải là biểu mẫu của trang quản trị. Vui lòng tải lại trang và gửi lại.';
export const BODY_NOT_TEXT = 'Nội dung xem trước phải được gửi dưới dạng văn bản (text/plain).';
export const BODY_UNREADABLE = 'Không đọc được dữ liệu biểu mẫu gửi lên. Vui lòng tải lại trang và gửi lại.';

export type AdminBody =
  | { ok: true; form: FormData | null }
  | { ok: false; status: 400 | 415; message: string };

/** A text field of a parsed admin form as sent ('' when absent or a file). */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

/** Checks (and, for forms, parses a clone of) the body of an admin write; the form is handed on. */
export async function readAdminBody(request: Request, pathname: string): Promise<AdminBody> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (TEXT_BODY_PATHS.has(pathname)) {
    return type === 'text/plain' ? { ok: true, form: null } : { ok: false, status: 415, message: BODY_NOT_TEXT };
  }
  if (!FORM_TYPES.has(type)) return { ok: false, status: 415, message: BODY_NOT_FORM };
  try {
    return { ok: true, form: await request.clone().formData() };
  } catch {
    // A multipart body without its boundary, cut short, or not what its type says.
    return { ok: false, status: 400, message: BODY_UNREADABLE };
  }
}
