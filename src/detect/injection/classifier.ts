import { readFileSync } from 'node:fs';
import { packagePath } from '../../util/package-root.js';
import { type SparseFeatures } from './features.js';
import { fusedDot } from './fused-score.js';

/** Weights as written by scripts/train-classifier.ts: int8-quantized, base64. */
export interface ClassifierFile {
  version: 1;
  buckets: number;
  bias: number;
  scale: number;
  weights: string;
  /** Provenance: corpus files, sizes, hyper-parameters, held-out figures. */
  trained: Record<string, unknown>;
}

export class InjectionClassifier {
  /**
   * @param weights int8-quantized weights, one per hash bucket (a power of two)
   * @param scale the value of one quantization step
   */
  constructor(
    private readonly weights: Int8Array,
    private readonly scale: number,
    private readonly bias: number,
  ) {
    if (weights.length === 0 || (weights.length & (weights.length - 1)) !== 0)
      throw new Error(`classifier: ${weights.length} buckets is not a power of two`);
  }

  get buckets(): number {
    return this.weights.length;
  }

  static fromFile(file: ClassifierFile): InjectionClassifier {
    const bytes = Buffer.from(file.weights, 'base64');
    const q = new Int8Array(file.buckets);
    q.set(new Int8Array(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, file.buckets)));
    return new InjectionClassifier(q, file.scale, file.bias);
  }

  static shipped(): InjectionClassifier {
    shippedModel ??= InjectionClassifier.fromFile(
      JSON.parse(readFileSync(packagePath('data', 'detect', 'classifier.json'), 'utf8')) as ClassifierFile,
    );
    return shippedModel;
  }

  /** Probability that normalized `text` is an injection or jailbreak attempt (one pass). */
  score(text: string): number {
    return sigmoid(this.bias + this.scale * fusedDot(text, this.weights));
  }

  /** The same probability from an already extracted feature vector (training, tests). */
  scoreFeatures(f: SparseFeatures): number {
    let z = 0;
    for (let i = 0; i < f.index.length; i++) z += this.weights[f.index[i]!]! * f.value[i]!;
    return sigmoid(this.bias + this.scale * z);
  }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

let shippedModel: InjectionClassifier | undefined;
