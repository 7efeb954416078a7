import type { Lesson } from '../format';
import { lesson as rnnSine } from './seq/rnn-sine';
import { lesson as lstmGates } from './seq/lstm-gates';
import { lesson as gruVsLstm } from './seq/gru-vs-lstm';
import { lesson as bidirectional } from './seq/bidirectional';
import { lesson as textGeneration } from './seq/text-generation';
import { lesson as selfAttention } from './seq/self-attention';
import { lesson as multiHead } from './seq/multi-head-attention';
import { lesson as positionalEncoding } from './seq/positional-encoding';
import { lesson as encoderDecoder } from './seq/encoder-decoder';
import { lesson as hardware } from './seq/hardware';

/** The sequence lessons, orders 22–31: recurrent networks, attention, and the hardware they run on. */
export const SEQ_LESSONS: Lesson[] = [rnnSine, lstmGates, gruVsLstm, bidirectional, textGeneration, selfAttention, multiHead, positionalEncoding, encoderDecoder, hardware];
