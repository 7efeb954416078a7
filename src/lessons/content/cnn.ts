import type { Lesson } from '../format';
import { lesson as convolutionLayer } from './cnn/convolution-layer';
import { lesson as poolingStridePadding } from './cnn/pooling-stride-padding';
import { lesson as cnnMnist } from './cnn/cnn-mnist';
import { lesson as augmentation } from './cnn/augmentation';
import { lesson as lenetAlexnetVgg } from './cnn/lenet-alexnet-vgg';
import { lesson as resnet } from './cnn/resnet';
import { lesson as densenet } from './cnn/densenet';

/** The convolution lessons (section cnn, orders 15–18) and the classic CNNs (section classic, orders 19–21). */
export const CNN_LESSONS: Lesson[] = [convolutionLayer, poolingStridePadding, cnnMnist, augmentation, lenetAlexnetVgg, resnet, densenet];
