import { useEffect } from 'react';
import { watchChallenge } from '../../lessons/challenge/watch';
import { useAppStore, useAppStoreApi } from '../../store/context';
import { ChallengeCard } from './ChallengeCard';
import { HandInPanel } from './HandInPanel';

/** Under the training bar: a hand-in being checked (the teacher's page), else the challenge's card. */
export function ChallengeArea() {
  const store = useAppStoreApi();
  const challenge = useAppStore((s) => s.challenge);
  const handIn = useAppStore((s) => s.handIn);
  useEffect(() => (challenge ? watchChallenge(store) : undefined), [store, challenge]);
  if (handIn) return <HandInPanel handIn={handIn} />;
  return challenge ? <ChallengeCard challenge={challenge} /> : null;
}
