import type { StateCreator } from 'zustand';
import type { Challenge } from '../models/challengeSpec';
import type { HandIn } from '../models/handIn';
import type { AppState, ChallengeSlice } from './types';

/**
 * The teacher's challenge on this page (it travels in the link beside the Experiment and is saved
 * with the work), when the current run first met it (lessons/challenge watches the facts and says
 * so), and a student's hand-in opened on the teacher's page. Conditions are not evaluated here: the
 * condition language belongs to the lessons.
 */
export const createChallengeSlice =
  (challenge: Challenge | null, handIn: HandIn | null): StateCreator<AppState, [], [], ChallengeSlice> =>
  (set) => ({
    challenge,
    challengeMet: null,
    handIn,
    setChallenge: (c) => set({ challenge: c, challengeMet: null }),
    setChallengeMet: (challengeMet) => set({ challengeMet }),
    setHandIn: (h) => set({ handIn: h }),
  });
