/**
 * How much longer `work` takes on an input eight times as large: about 8 for linear work (7-13
 * here with four busy loops on two cores), about 64 and more for quadratic (171 for the preview
 * without its depth cap). The least CPU time of nine interleaved runs of each size. Tests bound
 * this ratio, not a time, which would measure the machine.
 */
export function growth(
  work: (text: string) => unknown,
  body: (n: number) => string,
  n: number
): number {
  const [small, big] = [body(n), body(8 * n)]
  const best = { small: Infinity, big: Infinity }
  // CPU time, not wall time: a process waiting for a core (four test files on two) is not
  // charged for the wait, which would fall on the longer run more often.
  const time = (text: string) => {
    const started = process.cpuUsage()
    work(text)
    const { user, system } = process.cpuUsage(started)
    return user + system
  }
  for (let run = 0; run < 9; run++) {
    best.small = Math.min(best.small, time(small))
    best.big = Math.min(best.big, time(big))
  }
  return best.big / best.small
}

/** The bound tests put on `growth`: well above linear's noise, well below quadratic. */
export const LINEAR = 48
