// Domain benchmarks (issue 3): band decisions per second, cached engine vs the naive
// classifier, and pricing throughput. Prints numbers; asserts nothing.
import { createTariff } from '../shared/tariff';
import { naiveBand } from '../shared/bands/naive';
import { OK21_NATIONAL } from '../shared/rules/ok21-national';
import type { PricingInput } from '../shared/types';

function randomInstants(n: number, seed = 42): Float64Array {
  // xorshift: reproducible without Math.random
  let x = seed;
  const from = Date.UTC(2022, 0, 1);
  const span = Date.UTC(2028, 0, 1) - from;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = from + Math.floor(((x >>> 0) / 4294967296) * span);
  }
  return out;
}

function rate(n: number, ms: number): string {
  return `${((n / ms) * 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })}/s`;
}

export async function runDomainBench(): Promise<void> {
  const N = 1_000_000;
  const instants = randomInstants(N);
  const tariff = createTariff();

  // Warm the per-day cache once (2022–2027 is ~2,200 days), as a long-running host would.
  for (let i = 0; i < N; i++) tariff.classify(instants[i]!);
  let t0 = performance.now();
  let checksum = 0;
  for (let i = 0; i < N; i++) checksum += tariff.classify(instants[i]!).band.charCodeAt(0);
  const engineMs = performance.now() - t0;

  const coldTariff = createTariff();
  t0 = performance.now();
  for (let i = 0; i < N; i++) checksum += coldTariff.classify(instants[i]!).band.charCodeAt(0);
  const coldMs = performance.now() - t0;

  const NAIVE = 200_000; // the naive one is slow; its rate is measured on a sample
  t0 = performance.now();
  for (let i = 0; i < NAIVE; i++)
    checksum += naiveBand(instants[i]!, OK21_NATIONAL).band.charCodeAt(0);
  const naiveMs = performance.now() - t0;

  const engineRate = (N / engineMs) * 1000;
  const naiveRate = (NAIVE / naiveMs) * 1000;
  console.log(
    `band decisions, cached engine (warm): ${rate(N, engineMs)} over 1,000,000 instants 2022–2027`,
  );
  console.log(`band decisions, cached engine (cold start, incl. planning): ${rate(N, coldMs)}`);
  console.log(`band decisions, naive luxon classifier: ${rate(NAIVE, naiveMs)} (200,000 sample)`);
  console.log(
    `ratio engine/naive: ${(engineRate / naiveRate).toFixed(1)}× (targets: ≥ 2,000,000/s and ≥ 20×)`,
  );

  const contacts: PricingInput[] = [];
  for (let i = 0; i < N; i++) {
    const at = instants[i]!;
    const video = i % 5 === 0 ? { connectedAt: new Date(at + 600_000).toISOString() } : null;
    contacts.push({
      kind: i % 11 === 0 ? 'video-forvisiteret' : 'telefon',
      answeredAt: new Date(at).toISOString(),
      video,
      group: 1,
    });
  }
  t0 = performance.now();
  let total = 0;
  for (const c of contacts) for (const l of tariff.price(c).lines) total += l.amountOre;
  const priceMs = performance.now() - t0;
  console.log(
    `pricing: ${rate(N, priceMs)} contacts (1,000,000 contacts, ${(priceMs / 1000).toFixed(2)} s, total ${total} øre)`,
  );
  if (checksum === 0) console.log('(checksum 0)');
}
