import { useEffect, useState } from 'preact/hooks';

/** An object URL for bytes, revoked when they change or the component goes. */
export function useObjectUrl(bytes: Uint8Array | null | undefined, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes) {
      setUrl(null);
      return undefined;
    }
    const u = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [bytes, type]);
  return url;
}
