/**
 * How much longer `work` takes on an input eight times as large: about 8 for linear work (5-16
 * on a loaded machine here, 34-39 seen once with three full test runs on two cores), about 64
 * and more for quadratic (231-274 for the preview without its depth cap). The fastest of nine
 * interleaved runs of each size, so a busy machine (coverage, two loaded cores) slows both
 * alike. Tests bound this ratio, not a time, which would measure the machine.
 */
export function growth(
  work: (text: string) => unknown,
  body: (n: number) => string,
  n: number
): number {
  const [small, big] = [body(n), body(8 * n)]
  const best = { small: Infinity, big: Infinity }
  const time = (text: string) => {
    const started = performance.now()
    work(text)
    return performance.now() - started
  }
  for (let run = 0; run < 9; run++) {
    best.small = Math.min(best.small, time(small))
    best.big = Math.min(best.big, time(big))
  }
  return best.big / best.small
}

/** The bound tests put on `growth`: well above linear's noise, well below quadratic. */
export const LINEAR = 48
