import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useAppStore } from '../../store/context';

/**
 * The 2-D playground's step-through of backpropagation is shared by two columns: the network
 * panel shows it, the output plot shows (and picks) its example. Lab-local UI state, so it lives
 * in a React context of the lab rather than in the app's store; nothing of it is saved. It tells
 * the store only whether it is open (for lessons' facts), and opens or closes on a lesson's
 * request (store/labStatus.ts); the phase is the view's business (BackpropView).
 */
export interface BackpropMode {
  open: boolean;
  /** Index of the chosen point in the dataset's raw points (a training point), or null: the first one. */
  example: number | null;
  setOpen(open: boolean): void;
  setExample(index: number | null): void;
}

const CLOSED: BackpropMode = { open: false, example: null, setOpen: () => {}, setExample: () => {} };

const Context = createContext<BackpropMode>(CLOSED);

export function BackpropProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [example, setExample] = useState<number | null>(null);
  const value = useMemo(() => ({ open, example, setOpen, setExample }), [open, example]);
  const request = useAppStore((s) => s.labRequests.backprop);
  const reportLab = useAppStore((s) => s.reportLab);
  const clearLabRequest = useAppStore((s) => s.clearLabRequest);

  // Open on a lesson's request (the view then goes to the phase and clears it); close at once.
  if (request === 'close' && open) setOpen(false);
  else if (request && request !== 'close' && !open) setOpen(true);
  useEffect(() => {
    if (request === 'close') clearLabRequest('backprop');
  }, [request, clearLabRequest]);

  useEffect(() => {
    if (!open) reportLab({ backprop: { open: false, phase: null } });
  }, [open, reportLab]);
  // Leaving the playground closes it.
  useEffect(() => () => reportLab({ backprop: { open: false, phase: null } }), [reportLab]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The step-through's mode; closed (and inert) outside a provider. */
export function useBackpropMode(): BackpropMode {
  return useContext(Context);
}
