import { useEffect, useRef, useState } from 'react';

/**
 * The open state of a popup (a menu, a panel) hung from a button: a press outside its root or
 * Escape closes it. `onOpen` runs each time it opens, with the root, e.g. to move the focus in.
 */
export function usePopup<E extends HTMLElement = HTMLDivElement>(onOpen?: (root: E | null) => void) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<E>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    onOpenRef.current?.(rootRef.current);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return { open, setOpen, rootRef };
}
