// The `sizes` the reader pages give images with srcset: how wide each is drawn, so the browser fetches
// the smallest copy that fills it (the layout in styles/global.css: the article column is at most 46rem,
// the gallery two columns on phones, three from 40rem).

/** An image across the article column (the cover). */
export const ARTICLE_IMAGE_SIZES = '(min-width: 48rem) 46rem, 100vw';

/** A gallery thumbnail: half the column on phones, a third of it from 40rem. */
export const GALLERY_THUMB_SIZES = '(min-width: 48rem) 15rem, (min-width: 40rem) 33vw, 50vw';
