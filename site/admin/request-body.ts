// What an admin write may carry, checked by the middleware before any page reads the body: a form
// (urlencoded or multipart) that parses, or text where a page reads text (the live preview's Markdown,
// the clipboard HTML the paste converter reads).
// So a JSON, text or broken body is a 4xx with a Vietnamese message, never a 500 from formData().

/** Admin paths whose POST body is text, not a form (read as text), with the one type each takes. */
export const TEXT_BODY_PATHS: ReadonlyMap<string, 'text/plain' | 'text/html'> = new Map([
  ['/admin/xem-truoc-noi-dung', 'text/plain'],
  ['/admin/chuyen-noi-dung-dan', 'text/html'],
]);

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export const BODY_NOT_FORM = 'Dữ liệu gửi lên phải là biểu mẫu của trang quản trị. Vui lòng tải lại trang và gửi lại.';
export const BODY_NOT_TEXT = 'Nội dung xem trước phải được gửi dưới dạng văn bản (text/plain).';
export const BODY_NOT_HTML = 'Nội dung dán phải được gửi dưới dạng HTML (text/html).';
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
  const textType = TEXT_BODY_PATHS.get(pathname);
  if (textType) {
    if (type === textType) return { ok: true, form: null };
    return { ok: false, status: 415, message: textType === 'text/html' ? BODY_NOT_HTML : BODY_NOT_TEXT };
  }
  if (!FORM_TYPES.has(type)) return { ok: false, status: 415, message: BODY_NOT_FORM };
  try {
    return { ok: true, form: await request.clone().formData() };
  } catch {
    // A multipart body without its boundary, cut short, or not what its type says.
    return { ok: false, status: 400, message: BODY_UNREADABLE };
  }
}
