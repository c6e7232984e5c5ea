// An ICO file holding one PNG image (what every browser and Windows since Vista read): a 6-byte header, one 16-byte
// directory entry, then the PNG as it is.

export function pngInIco(png: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(6 + 16 + png.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, 1, true); // one image
  // Width and height are one byte each; 0 means 256 or more (the PNG says the real size).
  out[6] = width >= 256 ? 0 : width;
  out[7] = height >= 256 ? 0 : height;
  out[8] = 0; // no palette
  out[9] = 0; // reserved
  view.setUint16(10, 1, true); // colour planes
  view.setUint16(12, 32, true); // bits per pixel
  view.setUint32(14, png.length, true);
  view.setUint32(18, 22, true); // offset of the image data
  out.set(png, 22);
  return out;
}

/** The PNG inside an ICO made by pngInIco (or any ICO whose first image is a PNG), for reading it back. */
export function firstIcoImage(ico: Uint8Array): Uint8Array | undefined {
  if (ico.length < 22 || ico[0] !== 0 || ico[1] !== 0 || ico[2] !== 1 || ico[3] !== 0) return undefined;
  const view = new DataView(ico.buffer, ico.byteOffset, ico.byteLength);
  const size = view.getUint32(14, true);
  const offset = view.getUint32(18, true);
  return offset + size <= ico.length ? ico.subarray(offset, offset + size) : undefined;
}
