import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * The 2-D playground's step-through of backpropagation is shared by two columns: the network
 * panel shows it, the output plot shows (and picks) its example. Lab-local UI state, so it lives
 * in a React context of the lab rather than in the app's store; nothing of it is saved.
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
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The step-through's mode; closed (and inert) outside a provider. */
export function useBackpropMode(): BackpropMode {
  return useContext(Context);
}
