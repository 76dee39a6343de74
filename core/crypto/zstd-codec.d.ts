// Types for the parts of zstd-codec (0.1.x, no bundled types) that core/crypto/zstd.ts uses.
declare module 'zstd-codec' {
  export interface ZstdSimple {
    /** One frame with the content size; null on failure. */
    compress(data: Uint8Array, level?: number): Uint8Array | null;
    decompress(data: Uint8Array): Uint8Array | null;
  }
  export interface ZstdStreaming {
    compress(data: Uint8Array, level?: number): Uint8Array | null;
    /** Handles frames without a content size; null on failure. */
    decompress(data: Uint8Array, sizeHint?: number): Uint8Array | null;
  }
  export interface ZstdCodecModule {
    Simple: new () => ZstdSimple;
    Streaming: new () => ZstdStreaming;
  }
  export const ZstdCodec: { run(callback: (zstd: ZstdCodecModule) => void): void };
}
