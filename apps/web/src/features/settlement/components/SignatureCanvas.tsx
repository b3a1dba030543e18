import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import SignaturePad from 'signature_pad';

export interface SignatureCanvasHandle {
  isEmpty: () => boolean;
  toDataURL: () => string;
  clear: () => void;
}

/**
 * A drawn signature (R26) with signature_pad: the canvas fills its container's width (a phone
 * at 375 px included), is scaled for the screen's pixel ratio so strokes stay sharp, and takes
 * touch input without scrolling the page (`touch-action: none`).
 */
export const SignatureCanvas = forwardRef<SignatureCanvasHandle, { height?: number; onChange?: (empty: boolean) => void }>(function SignatureCanvas({ height = 180, onChange }, ref) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !canvas.getContext('2d')) return undefined;
    const pad = new SignaturePad(canvas, { minWidth: 0.8, maxWidth: 2.6, penColor: '#111', backgroundColor: 'rgba(0,0,0,0)' });
    padRef.current = pad;
    const changed = () => onChangeRef.current?.(pad.isEmpty());
    pad.addEventListener('endStroke', changed);
    const resize = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const width = canvas.parentElement?.clientWidth || canvas.offsetWidth || 320;
      const data = pad.toData();
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      if (data.length) pad.fromData(data);
    };
    resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      pad.removeEventListener('endStroke', changed);
      pad.off();
      padRef.current = null;
    };
  }, [height]);

  useImperativeHandle(ref, () => ({
    isEmpty: () => padRef.current?.isEmpty() ?? true,
    toDataURL: () => padRef.current?.toDataURL('image/png') ?? '',
    clear: () => {
      padRef.current?.clear();
      onChangeRef.current?.(true);
    },
  }));

  return (
    <div className="signature-box">
      <canvas ref={canvasRef} className="signature-canvas" style={{ touchAction: 'none', height }} data-testid="signature-canvas" />
    </div>
  );
});
