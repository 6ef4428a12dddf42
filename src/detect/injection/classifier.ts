import { readFileSync } from 'node:fs';
import { packagePath } from '../../util/package-root.js';
import { extractFeatures, type SparseFeatures } from './features.js';

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
  constructor(
    readonly buckets: number,
    private readonly weights: Float32Array,
    private readonly bias: number,
  ) {}

  static fromFile(file: ClassifierFile): InjectionClassifier {
    const q = new Int8Array(Buffer.from(file.weights, 'base64').buffer.slice(0));
    const w = new Float32Array(file.buckets);
    for (let i = 0; i < w.length; i++) w[i] = (q[i] ?? 0) * file.scale;
    return new InjectionClassifier(file.buckets, w, file.bias);
  }

  static shipped(): InjectionClassifier {
    shippedModel ??= InjectionClassifier.fromFile(
      JSON.parse(readFileSync(packagePath('data', 'detect', 'classifier.json'), 'utf8')) as ClassifierFile,
    );
    return shippedModel;
  }

  /** Probability that normalized `text` is an injection or jailbreak attempt. */
  score(text: string): number {
    return this.scoreFeatures(extractFeatures(text, this.buckets));
  }

  scoreFeatures(f: SparseFeatures): number {
    let z = this.bias;
    for (let i = 0; i < f.index.length; i++) z += this.weights[f.index[i]!]! * f.value[i]!;
    return 1 / (1 + Math.exp(-z));
  }
}

let shippedModel: InjectionClassifier | undefined;
