/**
 * ask's announcement: a Reply to the question that tells the room what happened, in `language`.
 * Names and answers are other people's text: kept to one line and cut; the whole text is escaped
 * (it has no tags of its own), so that no tag forms in it, not even across two names.
 */
import type { Language } from '../../constants.js'
import { escapeNotation } from '../../chatwork/tags.js'
import { seconds, plural } from '../../format.js'
import type { Decision, Tally } from '../gate/criteria.js'

export type Outcome = Decision | 'cancelled'

/** One line, at most `max` characters. */
function plain(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function people(tally: Tally | undefined): { name: string; id: string }[] {
  if (!tally) return []
  return tally.approvers.map(id => {
    const answer = tally.counted.find(a => String(a.message.account.account_id) === id)
    return { name: plain(answer?.message.account.name ?? 'account', 60), id }
  })
}

interface AnnouncementFacts {
  outcome: Outcome
  tally: Tally | undefined
  minApprovals: number
  waitMs: number
}

/** The announcement's text (without the Reply header), escaped. */
export function announcement(language: Language, facts: AnnouncementFacts): string {
  return escapeNotation(sentence(language, facts))
}

function sentence(language: Language, facts: AnnouncementFacts): string {
  const { outcome, tally, minApprovals, waitMs } = facts
  const by = tally?.decided?.by
  const who = by ? `${plain(by.message.account.name, 60)} (${by.message.account.account_id})` : ''
  const said = by ? plain(by.text, 200) : ''
  const approvers = people(tally).map(p => `${p.name} (${p.id})`)
  const listed = people(tally).map(p => `${p.name}, ${p.id}`)
  const count = `${approvers.length} / ${minApprovals}`
  const en = language === 'en'
  switch (outcome) {
    case 'approved':
      return en ? `Approved by ${approvers.join(', ')}.` : `承認されました: ${approvers.join('、')}`
    case 'rejected':
      return en ? `Rejected by ${who}: "${said}"` : `却下されました: ${who}「${said}」`
    case 'timed-out':
    case 'none': {
      const list = listed.length > 0 ? ` (${listed.join('; ')})` : ''
      const within = waitMs > 0 ? seconds(waitMs) : ''
      return en
        ? `No decision${within ? ` within ${within}` : ''}: ${approvers.length} of ${minApprovals} ${plural(minApprovals, 'approval')}${list}.`
        : `${within ? `${within} 以内に` : ''}決まりませんでした (承認 ${count}${list})。`
    }
    case 'cancelled':
      return en
        ? 'Cancelled: the workflow run was cancelled before a decision.'
        : 'キャンセルされました: 決まる前にワークフローの実行が取り消されました。'
  }
}
