// The platform admins' sites pages (/admin/cac-trang): create a site, edit it (name, subtitle,
// hostnames one per line with the canonical first, parent, starting visit total, logo upload, primary
// colour), archive or unarchive it, and assign its administrators. Writes go through functions/data/sites.ts
// (the SITES data layer); its refusals (SiteInvalid, one reason per problem) become Vietnamese messages
// next to their fields here. Every change reloads this isolate's registry, so the next request serves it.
import { recordAudit } from '../../functions/audit/log.ts';
import { storeAndRegister } from '../../functions/media/library.ts';
import { checkImage } from '../../functions/media/upload.ts';
import type { Db } from '../../functions/data/db.ts';
import {
  archiveSite, createSite, getSite, reservedHosts, setHosts, SiteInvalid, SITE_HOSTS_MAX, SITE_NAME_MAX, SITE_SUBTITLE_MAX, unarchiveSite, updateSite,
  type SiteDetails, type SitePatch, type SiteProblem,
} from '../../functions/data/sites.ts';
import { readUser, setSiteRole, type User } from '../../functions/data/users.ts';
import { reloadRegistry } from '../../functions/sites/registry.ts';
import { siteChanged } from '../../functions/articles/service.ts';
import { ROLES, type Role } from '../../schema/tables.ts';
import { actorId, isPlatformAdmin } from './permissions.ts';
import { formText } from './request-body.ts';
import { ROLE_LABEL, SITES } from './strings.ts';

/** The form's fields, as typed (shown again after a refusal). */
export interface SiteFormValues {
  name: string;
  subtitle: string;
  /** One hostname per line, the canonical one first. */
  hosts: string;
  parentId: string;
  visitOffset: string;
  primaryColor: string;
}

export type SiteField = keyof SiteFormValues | 'logo';
export type SiteErrors = Partial<Record<SiteField, string>>;

export type SiteResult =
  | { ok: true; message: string; site: SiteDetails }
  | { ok: false; status: number; message: string; errors: SiteErrors; values: SiteFormValues };

export const emptySiteValues = (): SiteFormValues => ({ name: '', subtitle: '', hosts: '', parentId: '', visitOffset: '0', primaryColor: '' });

export function valuesOfSite(site: SiteDetails): SiteFormValues {
  return {
    name: site.name, subtitle: site.subtitle, hosts: site.hosts.join('\n'), parentId: site.parentId === null ? '' : String(site.parentId),
    visitOffset: site.visitOffset === null ? '' : String(site.visitOffset), primaryColor: site.primaryColor ?? '',
  };
}

const FIELD_OF: Record<SiteProblem['field'], SiteField> = {
  name: 'name', subtitle: 'subtitle', hosts: 'hosts', parentId: 'parentId', visitOffset: 'visitOffset', logoKey: 'logo', primaryColor: 'primaryColor',
};

/** The Vietnamese message of one refusal of the sites data layer. */
export function siteProblemMessage(problem: SiteProblem): string {
  const host = problem.host ?? '';
  switch (problem.reason) {
    case 'name-required': return 'Vui lòng nhập tên trang, ví dụ “Cổng thông tin điện tử xã Đại Phúc”.';
    case 'name-too-long': return `Tên trang dài tối đa ${SITE_NAME_MAX} ký tự.`;
    case 'subtitle-too-long': return `Dòng cơ quan chủ quản dài tối đa ${SITE_SUBTITLE_MAX} ký tự.`;
    case 'hosts-required': return 'Vui lòng nhập ít nhất một tên miền, ví dụ xa-dai-phuc.thainguyen.gov.vn.';
    case 'host-invalid': return `“${host}” không phải tên miền hợp lệ: chỉ gồm chữ thường a-z, chữ số, dấu gạch ngang và dấu chấm (ít nhất hai phần), không có http://, cổng (:8080) hay đường dẫn.`;
    case 'host-duplicate': return `Tên miền “${host}” được nhập hai lần.`;
    case 'too-many-hosts': return `Mỗi trang có tối đa ${SITE_HOSTS_MAX} tên miền.`;
    case 'host-taken': return host ? `Tên miền “${host}” đã thuộc về một trang khác.` : 'Một tên miền vừa được gán cho trang khác. Vui lòng kiểm tra lại.';
    case 'parent-unknown': return 'Không tìm thấy trang cấp trên đã chọn.';
    case 'parent-archived': return 'Trang cấp trên đã chọn đã được lưu trữ.';
    case 'parent-has-parent': return 'Trang cấp trên phải là trang cấp tỉnh (trang không trực thuộc trang nào).';
    case 'parent-self': return 'Một trang không thể trực thuộc chính nó.';
    case 'has-children': return 'Trang này đang có trang cấp xã trực thuộc nên không thể trực thuộc trang khác.';
    case 'visit-offset-invalid': return 'Tổng lượt truy cập ban đầu phải là số nguyên từ 0 trở lên.';
    case 'logo-invalid': return 'Logo không hợp lệ. Vui lòng tải ảnh lại.';
    case 'color-invalid': return 'Màu chủ đạo có dạng #rrggbb, ví dụ #8e1a1a.';
  }
}

function readValues(form: FormData): SiteFormValues {
  const text = (name: string) => formText(form, name).trim();
  return {
    name: text('name'), subtitle: text('subtitle'), hosts: formText(form, 'hosts'), parentId: text('parentId'),
    visitOffset: text('visitOffset'), primaryColor: text('primaryColor'),
  };
}

/** What the form says, checked for shape here (numbers, colour); the rules on sites are the data layer's. */
function parse(values: SiteFormValues): { patch: SitePatch; hosts: string[]; errors: SiteErrors } {
  const errors: SiteErrors = {};
  const hosts = values.hosts.split(/\r?\n/).map((h) => h.trim()).filter(Boolean);
  let parentId: number | null = null;
  if (values.parentId) {
    if (/^[1-9]\d{0,9}$/.test(values.parentId)) parentId = Number(values.parentId);
    else errors.parentId = 'Vui lòng chọn trang cấp trên trong danh sách.';
  }
  // Empty: none of its own (the first site then keeps STATS_TOTAL_OFFSET; a new site starts at 0).
  let visitOffset: number | null = null;
  if (values.visitOffset) {
    const n = Number(values.visitOffset.replace(/[.\s]/g, ''));
    if (Number.isSafeInteger(n) && n >= 0) visitOffset = n;
    else errors.visitOffset = 'Tổng lượt truy cập ban đầu phải là số nguyên từ 0 trở lên, ví dụ 3557924.';
  }
  if (values.primaryColor && !/^#[0-9a-fA-F]{6}$/.test(values.primaryColor)) errors.primaryColor = 'Màu chủ đạo có dạng #rrggbb, ví dụ #8e1a1a.';
  const patch: SitePatch = { name: values.name, subtitle: values.subtitle, parentId, visitOffset, primaryColor: values.primaryColor || null };
  return { patch, hosts, errors };
}

function refusalOf(error: unknown, values: SiteFormValues, already: SiteErrors = {}): SiteResult {
  if (!(error instanceof SiteInvalid)) throw error;
  const errors: SiteErrors = { ...already };
  for (const p of error.problems) {
    const key = FIELD_OF[p.field];
    errors[key] = errors[key] ? `${errors[key]} ${siteProblemMessage(p)}` : siteProblemMessage(p);
  }
  return { ok: false, status: 422, message: SITES.fixFields, errors, values };
}

/** The uploaded logo; a browser sends an empty part with no file name when none was chosen. */
const logoOf = (form: FormData): File | null => {
  const file = form.get('logo');
  return file instanceof File && (file.size > 0 || file.name !== '') ? file : null;
};

/** Creates a site from the list page's form; the logo is checked before anything is created, stored after. */
export async function createSiteFromForm(env: Env, db: Db, me: User, form: FormData, now: Date): Promise<SiteResult> {
  const values = readValues(form);
  if (!isPlatformAdmin(me)) return { ok: false, status: 403, message: SITES.platformOnly, errors: {}, values };
  const { patch, hosts, errors } = parse(values);
  const logo = logoOf(form);
  if (logo) {
    const checked = await checkImage(logo);
    if (!checked.ok) errors.logo = checked.message;
  }
  if (Object.keys(errors).length) return { ok: false, status: 422, message: SITES.fixFields, errors, values };
  let site: SiteDetails;
  try {
    site = await createSite(db, { ...patch, name: patch.name ?? '', hosts }, { reserved: reservedHosts(env) });
  } catch (error) {
    return refusalOf(error, values);
  }
  if (logo) {
    // The site's own media space exists only now that it has an id.
    const stored = await storeAndRegister(env, site.id, logo, actorId(me), now, { alt: `Logo ${site.name}` });
    if (stored.ok) site = await updateSite(db, site.id, { logoKey: stored.key }, now);
  }
  await recordAudit(db, { siteId: site.id, actorId: me.id, actorLabel: me.email, action: 'site.created', subject: `site:${site.id}`, detail: { name: site.name, host: site.hosts[0] }, at: now });
  await reloadRegistry(env);
  return { ok: true, message: SITES.created(site.name, site.hosts[0]!), site };
}

/** Saves the edit page's form: fields, hostnames and (when one is sent) a new logo, or the logo removed. */
export async function updateSiteFromForm(env: Env, db: Db, me: User, id: number, form: FormData, now: Date): Promise<SiteResult> {
  const values = readValues(form);
  if (!isPlatformAdmin(me)) return { ok: false, status: 403, message: SITES.platformOnly, errors: {}, values };
  const { patch, hosts, errors } = parse(values);
  const logo = logoOf(form);
  let logoKey: string | null | undefined = formText(form, 'removeLogo') === 'on' ? null : undefined;
  if (logo) {
    const stored = await storeAndRegister(env, id, logo, actorId(me), now, { alt: `Logo ${values.name}` });
    if (stored.ok) logoKey = stored.key;
    else errors.logo = stored.message;
  }
  if (Object.keys(errors).length) return { ok: false, status: 422, message: SITES.fixFields, errors, values };
  let site: SiteDetails;
  try {
    // Hostnames first: they are what another site may hold (the likeliest refusal), so a refused form
    // most often changes nothing; the fields' own rules are checked before either write.
    await setHosts(db, id, hosts, { reserved: reservedHosts(env) });
    const before = await getSite(db, id);
    site = await updateSite(db, id, { ...patch, ...(logoKey === undefined ? {} : { logoKey }) }, now);
    // Cached pages show the name, logo and colour: move its generation (and its province's roll-up,
    // which names it; a province it left shows it no more).
    await siteChanged(env, id, now);
    if (before?.parentId && before.parentId !== site.parentId) await siteChanged(env, before.parentId, now);
  } catch (error) {
    return refusalOf(error, values);
  }
  await reloadRegistry(env);
  return { ok: true, message: SITES.saved(site.name), site };
}

export type SiteActionResult = { ok: true; message: string } | { ok: false; status: number; message: string; field?: 'user' | 'role' };

/** Archive, unarchive, or give a person a role on the site (its administrators, mostly). Platform admins only. */
export async function siteAction(env: Env, db: Db, me: User, site: SiteDetails, firstSiteId: number, form: FormData, now: Date): Promise<SiteActionResult> {
  if (!isPlatformAdmin(me)) return { ok: false, status: 403, message: SITES.platformOnly };
  const action = formText(form, 'action');
  if (action === 'archive' || action === 'unarchive') {
    // The admin is served on the first site's host and its editors sign in there: it stays open.
    if (action === 'archive' && site.id === firstSiteId) return { ok: false, status: 422, message: SITES.firstNotArchived };
    await (action === 'archive' ? archiveSite(db, site.id, now) : unarchiveSite(db, site.id, now));
    await recordAudit(db, {
      siteId: site.id, actorId: me.id, actorLabel: me.email, action: action === 'archive' ? 'site.archived' : 'site.unarchived', subject: `site:${site.id}`,
      detail: { name: site.name }, at: now,
    });
    // Every cached page gains or loses the "Trang lưu trữ" notice now, not when its entry expires.
    await siteChanged(env, site.id, now);
    await reloadRegistry(env);
    return { ok: true, message: action === 'archive' ? SITES.archived : SITES.unarchived };
  }
  if (action === 'assign') {
    const userId = Number(formText(form, 'user'));
    const role = formText(form, 'role');
    const user = Number.isSafeInteger(userId) && userId > 0 ? await readUser(db, userId, site.id) : null;
    if (!user) return { ok: false, status: 422, field: 'user', message: SITES.chooseUser };
    if (!(ROLES as readonly string[]).includes(role)) return { ok: false, status: 422, field: 'role', message: SITES.chooseRole };
    await setSiteRole(db, { actorId: me.id, userId: user.id, siteId: site.id, role: role as Role, now });
    return { ok: true, message: SITES.assigned(user.email, ROLE_LABEL[role as Role]) };
  }
  return { ok: false, status: 400, message: SITES.invalidAction };
}

/** The edit page's site, or null (404) for an id that is not a site. */
export async function siteOfParam(db: Db, param: string | undefined): Promise<SiteDetails | null> {
  return /^[1-9]\d{0,9}$/.test(param ?? '') ? getSite(db, Number(param)) : null;
}
