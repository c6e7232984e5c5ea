// The private drag type a gallery thumbnail carries; the host's drop provider reads exactly this type.
// Lower case on purpose: the DOM lowercases DataTransfer types.
export const GALLERY_DRAG_MIME = 'application/vnd.pruna.gallery-item+json';

export interface GalleryDragData {
  readonly uri: string;
}
