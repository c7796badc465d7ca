// Just enough protobuf to read the few settings new Anki collections keep in protobuf blobs (a note type's
// kind, a card template's question and answer formats, the package's version).

/** A message's fields by number: varints as numbers, length-delimited fields as bytes; other wire types skipped. */
export function protoFields(bytes: Uint8Array): Map<number, (number | Uint8Array)[]> {
  const fields = new Map<number, (number | Uint8Array)[]>();
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; at < bytes.length && shift < 64; shift += 7) {
      const b = bytes[at++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    throw new Error('damaged protobuf');
  };
  while (at < bytes.length) {
    const key = varint();
    const [field, wire] = [Math.floor(key / 8), key % 8];
    let value: number | Uint8Array | undefined;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new Error('damaged protobuf');
      value = bytes.subarray(at, at + length);
      at += length;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error('damaged protobuf');
    if (value === undefined) continue;
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  return fields;
}

const decoder = new TextDecoder();

export const protoString = (fields: Map<number, (number | Uint8Array)[]>, n: number): string => {
  const v = fields.get(n)?.[0];
  return v instanceof Uint8Array ? decoder.decode(v) : '';
};

export const protoNumber = (fields: Map<number, (number | Uint8Array)[]>, n: number): number => {
  const v = fields.get(n)?.[0];
  return typeof v === 'number' ? v : 0;
};
