/**
 * The message a `send` writes when `message` and `message-file` are empty: an info box with a
 * title and a few facts about the event, in English or Japanese, with the job's status when
 * `status` is given. They are templates like any other, so every value is escaped; the README
 * shows each. Loaded only when needed.
 */
import type { JobStatus, Language } from '../constants.js'
import type { Template } from '../inputs/settings.js'

/** What Chatwork shows for the status (its own emoticons), and the word after the title. */
const STATUS: Record<JobStatus, { mark: string; en: string; ja: string }> = {
  success: { mark: '(y)', en: 'succeeded', ja: '成功' },
  failure: { mark: ':(', en: 'failed', ja: '失敗' },
  cancelled: { mark: ':|', en: 'cancelled', ja: 'キャンセル' }
}

/** The input name errors use for the default message. */
const DEFAULT_INPUT = 'message (the default for the event)'

type Labels = Record<
  | 'branch'
  | 'commit'
  | 'by'
  | 'run'
  | 'author'
  | 'branches'
  | 'workflow'
  | 'conclusion'
  | 'ref'
  | 'event',
  string
>

const LABELS: Record<Language, Labels> = {
  en: {
    branch: 'Branch',
    commit: 'Commit',
    by: 'By',
    run: 'Run',
    author: 'Author',
    branches: 'Branches',
    workflow: 'Workflow',
    conclusion: 'Conclusion',
    ref: 'Ref',
    event: 'Event'
  },
  ja: {
    branch: 'ブランチ',
    commit: 'コミット',
    by: '実行者',
    run: '実行',
    author: '作成者',
    branches: 'ブランチ',
    workflow: 'ワークフロー',
    conclusion: '結果',
    ref: 'Ref',
    event: 'イベント'
  }
}

const RELEASE = 'github.event.release'
const PR = 'github.event.pull_request'
const RUN = 'github.event.workflow_run'

/** Title and body templates for an event. */
function forEvent(event: string, language: Language): { title: string; body: string[] } {
  const l = LABELS[language]
  const ja = language === 'ja'
  const facts = [
    `${l.workflow}: {{ github.workflow }}`,
    `${l.ref}: {{ github.ref_name }}`,
    `${l.run}: {{ run_url }}`
  ]
  switch (event) {
    case 'push':
      return {
        title: ja
          ? '{{ github.repository }}: {{ github.ref_name }} へのプッシュ'
          : '{{ github.repository }}: push to {{ github.ref_name }}',
        body: [
          `${l.branch}: {{ github.ref_name }}`,
          `${l.commit}: {{ github.sha | slice: 0, 7 }}{% if github.event.head_commit.message != blank %} {{ github.event.head_commit.message | split: "\\n" | first }}{% endif %}`,
          `${l.by}: {{ github.actor }}`,
          `${l.run}: {{ run_url }}`
        ]
      }
    case 'pull_request':
    case 'pull_request_target':
      return {
        title: ja
          ? `{{ github.repository }}: プルリクエスト #{{ ${PR}.number }}`
          : `{{ github.repository }}: pull request #{{ ${PR}.number }}`,
        body: [
          `#{{ ${PR}.number }} {{ ${PR}.title }}`,
          `${l.author}: {{ ${PR}.user.login }}`,
          `${l.branches}: {{ ${PR}.head.ref }} → {{ ${PR}.base.ref }}`,
          `{{ ${PR}.html_url }}`
        ]
      }
    case 'release':
      return {
        title: `{{ github.repository }} {{ ${RELEASE}.tag_name }}{% if ${RELEASE}.name != blank and ${RELEASE}.name != ${RELEASE}.tag_name %}: {{ ${RELEASE}.name }}{% endif %}`,
        body: [
          `{% if ${RELEASE}.body != blank %}{{ ${RELEASE}.body | markdown: 20000 }}\n\n{% endif %}{{ ${RELEASE}.html_url }}`
        ]
      }
    case 'workflow_run':
      return {
        title: `{{ github.repository }}: {{ ${RUN}.name }}`,
        body: [
          `${l.workflow}: {{ ${RUN}.name }}`,
          `${l.conclusion}: {{ ${RUN}.conclusion | default: ${RUN}.status }}`,
          `${l.branch}: {{ ${RUN}.head_branch }}`,
          `{{ ${RUN}.html_url }}`
        ]
      }
    case 'schedule':
      return {
        title: ja
          ? '{{ github.repository }}: {{ github.workflow }} の定期実行'
          : '{{ github.repository }}: scheduled run of {{ github.workflow }}',
        body: facts
      }
    case 'workflow_dispatch':
      return {
        title: ja
          ? '{{ github.repository }}: {{ github.actor }} が {{ github.workflow }} を実行'
          : '{{ github.repository }}: {{ github.workflow }} run by {{ github.actor }}',
        body: facts
      }
    default:
      return {
        title: '{{ github.repository }}: {{ github.event_name }}',
        body: [`${l.event}: {{ github.event_name }}`, ...facts]
      }
  }
}

/** The default title and message templates for `event`. */
export function defaultMessage(
  event: string,
  language: Language,
  status: JobStatus | undefined
): { title: Template; template: Template } {
  const { title, body } = forEvent(event, language)
  const shown = status ? `${STATUS[status].mark} ${title} — ${STATUS[status][language]}` : title
  return {
    title: { text: shown, input: DEFAULT_INPUT, builtIn: true },
    template: { text: body.join('\n'), input: DEFAULT_INPUT, builtIn: true }
  }
}
