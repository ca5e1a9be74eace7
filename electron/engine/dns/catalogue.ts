/**
 * Domain-posture findings: id → default severity and, in Japanese and English,
 * a title, what it means and how to fix it. Ids are stable API (tests, the UI
 * and translations key on them): add new ones, never rename one.
 */
import type { Language, Severity } from '../../contract.js';

type Text = Record<Language, string>;

export interface DnsFindingText {
  severity: Severity;
  title: Text;
  explanation: Text;
  fix: Text;
}

export const dnsFindingCatalogue = {
  'dns-timeout': {
    severity: 'medium',
    title: { en: 'A DNS lookup timed out', ja: 'DNS の問い合わせがタイムアウトしました' },
    explanation: {
      en: 'The DNS server did not answer in time, so this part of the check could not be completed. The result below may be incomplete.',
      ja: 'DNS サーバーが時間内に応答しなかったため、この項目は確認できませんでした。以下の結果は不完全な可能性があります。',
    },
    fix: {
      en: 'Try again later or with another DNS server (--dns-server). If it keeps happening, ask whoever runs the domain’s name servers.',
      ja: '時間をおいて再実行するか、別の DNS サーバー（--dns-server）でお試しください。続く場合は、ドメインのネームサーバーの管理者にご相談ください。',
    },
  },
  'dns-servfail': {
    severity: 'medium',
    title: {
      en: 'The DNS server reported a failure (SERVFAIL)',
      ja: 'DNS サーバーがエラー（SERVFAIL）を返しました',
    },
    explanation: {
      en: 'The resolver could not get an answer for this name. Common causes are broken DNSSEC signatures or unreachable name servers. Mail servers elsewhere will have the same problem.',
      ja: 'リゾルバーがこの名前の答えを得られませんでした。DNSSEC の署名の不備や、ネームサーバーに到達できないことがよくある原因です。他社のメールサーバーでも同じ問題が起きます。',
    },
    fix: {
      en: 'Check the domain’s name servers and DNSSEC signatures (for example with an online DNSSEC checker).',
      ja: 'ドメインのネームサーバーと DNSSEC の署名を確認してください（オンラインの DNSSEC 検査ツールなどが使えます）。',
    },
  },
  'dns-lookup-failed': {
    severity: 'medium',
    title: { en: 'A DNS lookup failed', ja: 'DNS の問い合わせに失敗しました' },
    explanation: {
      en: 'The DNS server refused the query or answered with something unusable, so this part of the check could not be completed.',
      ja: 'DNS サーバーが問い合わせを拒否したか、使えない応答を返したため、この項目は確認できませんでした。',
    },
    fix: {
      en: 'Check the network connection and the DNS server setting, then try again.',
      ja: 'ネットワーク接続と DNS サーバーの設定を確認してから、もう一度お試しください。',
    },
  },
  'mx-missing': {
    severity: 'medium',
    title: { en: 'No MX record', ja: 'MX レコードがありません' },
    explanation: {
      en: 'The domain names no mail server for incoming mail. Replies and bounce messages to this domain may not arrive, and large mailbox providers treat such senders with suspicion.',
      ja: 'このドメインには受信用のメールサーバーが登録されていません。返信やエラー通知が届かない可能性があり、大手メールサービスからも疑わしい送信元と見なされやすくなります。',
    },
    fix: {
      en: 'Publish MX records for the server that receives your mail (your provider’s setup guide lists them).',
      ja: 'メールを受信するサーバーの MX レコードを登録してください（値はご利用のサービスの設定ガイドに記載されています）。',
    },
  },
  'mx-null': {
    severity: 'info',
    title: {
      en: 'The domain declares that it receives no mail (null MX)',
      ja: 'このドメインはメールを受信しないと宣言しています（Null MX）',
    },
    explanation: {
      en: 'A single MX record pointing to "." (RFC 7505) says that no mail is accepted for this domain. That is correct for domains that never send or receive mail.',
      ja: '"." を指す MX レコード（RFC 7505）は、このドメイン宛てのメールを一切受け付けないという宣言です。メールを使わないドメインであれば正しい設定です。',
    },
    fix: {
      en: 'If you do send mail from this domain, replace the null MX with your real mail servers.',
      ja: 'このドメインからメールを送信する場合は、Null MX を実際のメールサーバーに置き換えてください。',
    },
  },
  'spf-missing': {
    severity: 'high',
    title: { en: 'No SPF record', ja: 'SPF レコードがありません' },
    explanation: {
      en: 'SPF lists the servers allowed to send mail for the domain. Without it, receivers cannot tell your mail from forgeries, and Gmail and Yahoo reject or junk mail from bulk senders without SPF.',
      ja: 'SPF は、このドメインのメールを送信してよいサーバーを示す仕組みです。これがないと受信側は本物と偽物を区別できず、Gmail や Yahoo は SPF のない大量送信者のメールを拒否したり迷惑メールに振り分けたりします。',
    },
    fix: {
      en: 'Publish one TXT record at the domain, for example "v=spf1 include:<your provider> -all", using the include your mail provider documents.',
      ja: 'ドメインに TXT レコードを 1 つ登録してください。例: "v=spf1 include:<ご利用のサービス> -all"（include の値はメールサービスの案内に従ってください）。',
    },
  },
  'spf-multiple': {
    severity: 'high',
    title: { en: 'More than one SPF record', ja: 'SPF レコードが複数あります' },
    explanation: {
      en: 'A domain must publish exactly one record starting with "v=spf1". With two or more, receivers stop evaluating and treat SPF as a permanent error, so SPF fails for all your mail.',
      ja: '"v=spf1" で始まるレコードはドメインに 1 つだけでなければなりません。2 つ以上あると受信側は評価をやめて恒久エラーとして扱うため、すべてのメールで SPF が失敗します。',
    },
    fix: {
      en: 'Merge the records into one: keep a single "v=spf1", list every include/ip4/ip6 term once, and end with one "-all" or "~all".',
      ja: 'レコードを 1 つにまとめてください。"v=spf1" は 1 回だけにし、include・ip4・ip6 などをすべて並べ、最後に "-all" か "~all" を 1 つ付けます。',
    },
  },
  'spf-syntax': {
    severity: 'high',
    title: {
      en: 'The SPF record contains terms that are not valid',
      ja: 'SPF レコードに無効な記述があります',
    },
    explanation: {
      en: 'Some parts of the record are not SPF mechanisms or modifiers (often a typo such as "inlcude:" or a missing value). Receivers treat an invalid record as a permanent error.',
      ja: 'レコードの一部が SPF の機構・修飾子として解釈できません（"inlcude:" のような綴り間違いや値の抜けがよくある原因です）。受信側は無効なレコードを恒久エラーとして扱います。',
    },
    fix: {
      en: 'Correct or remove the terms listed in the detail.',
      ja: '詳細に示した記述を修正するか削除してください。',
    },
  },
  'spf-too-many-lookups': {
    severity: 'high',
    title: { en: 'SPF needs more than 10 DNS lookups', ja: 'SPF の DNS 参照が 10 回を超えています' },
    explanation: {
      en: 'Evaluating SPF may cost at most 10 DNS lookups (include, a, mx, ptr, exists and redirect, counted through every include). Above that, receivers stop with a permanent error and SPF fails.',
      ja: 'SPF の評価で行える DNS 参照は最大 10 回です（include・a・mx・ptr・exists・redirect を、include 先も含めて数えます）。これを超えると受信側は恒久エラーで評価を打ち切り、SPF は失敗します。',
    },
    fix: {
      en: 'Remove includes for services you no longer use, replace "a" and "mx" with ip4/ip6 ranges where they are stable, or ask your providers for a flatter include.',
      ja: '使っていないサービスの include を削除する、変わらないアドレスは "a" や "mx" の代わりに ip4/ip6 で書く、などして参照回数を減らしてください。',
    },
  },
  'spf-include-missing': {
    severity: 'high',
    title: {
      en: 'An SPF include points to a domain without SPF',
      ja: 'SPF の include 先に SPF レコードがありません',
    },
    explanation: {
      en: 'An include: or redirect= names a domain that publishes no SPF record. Receivers treat that as a permanent error.',
      ja: 'include: または redirect= で指定したドメインに SPF レコードがありません。受信側はこれを恒久エラーとして扱います。',
    },
    fix: {
      en: 'Check the spelling of the include against your provider’s documentation, or remove it.',
      ja: 'include の綴りをサービスの案内と照らし合わせて確認するか、不要であれば削除してください。',
    },
  },
  'spf-pass-all': {
    severity: 'high',
    title: { en: 'SPF allows every server ("+all")', ja: 'SPF がすべてのサーバーを許可しています（"+all"）' },
    explanation: {
      en: 'Ending the record with "+all" (or a bare "all") authorises the whole internet to send as your domain, which makes SPF useless and invites forgery.',
      ja: 'レコードの最後が "+all"（または記号なしの "all"）だと、インターネット上のどのサーバーにもこのドメインとしての送信を認めることになり、SPF が意味をなさず、なりすましを招きます。',
    },
    fix: {
      en: 'End the record with "-all" (or "~all" while you are still testing).',
      ja: 'レコードの最後を "-all"（確認中の間は "~all"）にしてください。',
    },
  },
  'spf-neutral-all': {
    severity: 'medium',
    title: {
      en: 'SPF does not end in "-all" or "~all"',
      ja: 'SPF の最後が "-all" でも "~all" でもありません',
    },
    explanation: {
      en: 'With "?all" or no "all" at all, mail from servers not on your list is treated as neutral, so SPF gives receivers nothing to act on.',
      ja: '"?all" や "all" の記述がない場合、一覧にないサーバーからのメールも「中立」と扱われ、受信側は SPF を判断材料にできません。',
    },
    fix: {
      en: 'Once the record lists all your sending services, end it with "-all" (or "~all").',
      ja: '送信に使うサービスをすべて記載したうえで、最後を "-all"（または "~all"）にしてください。',
    },
  },
  'dmarc-missing': {
    severity: 'high',
    title: { en: 'No DMARC record', ja: 'DMARC レコードがありません' },
    explanation: {
      en: 'DMARC (a TXT record at _dmarc.<domain>) tells receivers what to do with mail that fails SPF and DKIM, and sends you reports. Gmail and Yahoo require it from bulk senders since February 2024.',
      ja: 'DMARC（_dmarc.<ドメイン> の TXT レコード）は、SPF と DKIM に失敗したメールの扱いを受信側に伝え、レポートを受け取る仕組みです。2024 年 2 月から Gmail と Yahoo は大量送信者に DMARC を必須としています。',
    },
    fix: {
      en: 'Start with "v=DMARC1; p=none; rua=mailto:<your report address>" at _dmarc.<domain>, read the reports, then move to p=quarantine or p=reject.',
      ja: 'まず _dmarc.<ドメイン> に "v=DMARC1; p=none; rua=mailto:<レポート受信用アドレス>" を登録し、レポートを確認してから p=quarantine や p=reject に進めてください。',
    },
  },
  'dmarc-multiple': {
    severity: 'high',
    title: { en: 'More than one DMARC record', ja: 'DMARC レコードが複数あります' },
    explanation: {
      en: 'With two or more "v=DMARC1" records at _dmarc, receivers ignore DMARC for the domain entirely.',
      ja: '_dmarc に "v=DMARC1" のレコードが 2 つ以上あると、受信側はこのドメインの DMARC を無視します。',
    },
    fix: { en: 'Keep exactly one DMARC record.', ja: 'DMARC レコードを 1 つだけにしてください。' },
  },
  'dmarc-invalid': {
    severity: 'high',
    title: { en: 'The DMARC record is not valid', ja: 'DMARC レコードが正しくありません' },
    explanation: {
      en: 'The record lacks a valid policy (p=none, quarantine or reject) or has malformed tags, so receivers may ignore it.',
      ja: '有効なポリシー（p=none・quarantine・reject）がないか、タグの書き方に誤りがあるため、受信側に無視される可能性があります。',
    },
    fix: {
      en: 'Correct the tags listed in the detail; the record must start with "v=DMARC1;" followed by "p=".',
      ja: '詳細に示したタグを修正してください。レコードは "v=DMARC1;" で始め、続けて "p=" を書きます。',
    },
  },
  'dmarc-monitoring-only': {
    severity: 'medium',
    title: { en: 'DMARC only monitors (p=none)', ja: 'DMARC が監視のみの設定です（p=none）' },
    explanation: {
      en: 'With p=none, receivers deliver forged mail as usual and only report it. That meets the Gmail/Yahoo minimum but does not yet protect your domain.',
      ja: 'p=none では、なりすましメールも通常どおり配信され、レポートが送られるだけです。Gmail・Yahoo の最低要件は満たしますが、ドメインはまだ保護されていません。',
    },
    fix: {
      en: 'When the reports show all your legitimate mail passing, change to p=quarantine and later p=reject.',
      ja: 'レポートで正規のメールがすべて合格していることを確認できたら、p=quarantine、その後 p=reject に変更してください。',
    },
  },
  'dmarc-partial-pct': {
    severity: 'low',
    title: {
      en: 'DMARC applies to only part of the mail (pct below 100)',
      ja: 'DMARC が一部のメールにしか適用されません（pct が 100 未満）',
    },
    explanation: {
      en: 'The pct tag limits the policy to a percentage of failing messages; the rest are treated as if the policy were one step weaker.',
      ja: 'pct タグにより、ポリシーは失敗したメールの一部にしか適用されず、残りは一段階弱いポリシーとして扱われます。',
    },
    fix: {
      en: 'Raise pct to 100 (or remove it) once you are confident in the policy.',
      ja: 'ポリシーに問題がないことを確認できたら、pct を 100 にする（または削除する）ことをおすすめします。',
    },
  },
  'dmarc-no-reports': {
    severity: 'low',
    title: { en: 'DMARC sends no reports (no rua)', ja: 'DMARC のレポート送信先がありません（rua なし）' },
    explanation: {
      en: 'Without rua=, you never learn who sends mail as your domain or whether your own mail passes.',
      ja: 'rua= がないと、誰がこのドメインとしてメールを送っているのか、自分のメールが合格しているのかを知ることができません。',
    },
    fix: {
      en: 'Add rua=mailto:<an address that collects reports>.',
      ja: 'rua=mailto:<レポートを受け取るアドレス> を追加してください。',
    },
  },
  'dkim-not-found': {
    severity: 'high',
    title: { en: 'No DKIM key for the given selector', ja: '指定したセレクターの DKIM 鍵がありません' },
    explanation: {
      en: 'No key was published at <selector>._domainkey.<domain>. Mail signed with this selector fails DKIM, and Gmail and Yahoo require DKIM from bulk senders.',
      ja: '<セレクター>._domainkey.<ドメイン> に鍵が公開されていません。このセレクターで署名したメールは DKIM に失敗します。Gmail と Yahoo は大量送信者に DKIM を必須としています。',
    },
    fix: {
      en: 'Check the selector in the DKIM-Signature header (s=) of a sent message, and publish the key your provider gives you.',
      ja: '送信したメールの DKIM-Signature ヘッダー（s=）でセレクターを確認し、メールサービスから提供された鍵を登録してください。',
    },
  },
  'dkim-selector-unknown': {
    severity: 'info',
    title: {
      en: 'DKIM could not be checked: selector unknown',
      ja: 'DKIM を確認できませんでした（セレクター不明）',
    },
    explanation: {
      en: 'A DKIM key lives under a selector name that only a signed message reveals. None of the common selectors (google, selector1, selector2, default, k1) has a key, which does not mean DKIM is missing.',
      ja: 'DKIM の鍵はセレクターという名前の下に置かれ、その名前は署名済みのメールからしか分かりません。よく使われるセレクター（google, selector1, selector2, default, k1）には鍵がありませんでしたが、DKIM がないとは限りません。',
    },
    fix: {
      en: 'Look up s= in the DKIM-Signature header of a message you sent and run the check again with that selector.',
      ja: '送信したメールの DKIM-Signature ヘッダーの s= を確認し、そのセレクターを指定してもう一度確認してください。',
    },
  },
  'dkim-revoked': {
    severity: 'medium',
    title: { en: 'The DKIM key is revoked (empty p=)', ja: 'DKIM 鍵が失効しています（p= が空）' },
    explanation: {
      en: 'The record exists but its key is empty, which means the key was withdrawn. Signatures with this selector fail.',
      ja: 'レコードはありますが鍵が空で、鍵が取り消された状態です。このセレクターの署名は失敗します。',
    },
    fix: {
      en: 'If you still sign with this selector, publish its current key; otherwise stop using the selector.',
      ja: 'このセレクターで署名を続ける場合は現在の鍵を登録し、そうでなければセレクターの利用をやめてください。',
    },
  },
  'dkim-weak-key': {
    severity: 'high',
    title: {
      en: 'The DKIM key is too short (under 1024 bits)',
      ja: 'DKIM 鍵が短すぎます（1024 ビット未満）',
    },
    explanation: {
      en: 'RSA keys under 1024 bits can be broken, and Gmail requires at least 1024 bits. Signatures with such a key are ignored or fail.',
      ja: '1024 ビット未満の RSA 鍵は解読される恐れがあり、Gmail は 1024 ビット以上を求めています。このような鍵の署名は無視されるか失敗します。',
    },
    fix: {
      en: 'Generate a 2048-bit key with your mail provider and publish it under a new selector.',
      ja: 'メールサービスで 2048 ビットの鍵を作成し、新しいセレクターで登録してください。',
    },
  },
  'dkim-short-key': {
    severity: 'low',
    title: { en: 'The DKIM key is shorter than 2048 bits', ja: 'DKIM 鍵が 2048 ビット未満です' },
    explanation: {
      en: 'Keys from 1024 bits are still accepted, but 2048 bits is the recommended size today.',
      ja: '1024 ビット以上の鍵は現在も受け入れられますが、今は 2048 ビットが推奨されています。',
    },
    fix: {
      en: 'Move to a 2048-bit key when you next rotate keys.',
      ja: '次の鍵の切り替え時に 2048 ビットの鍵へ移行してください。',
    },
  },
  'mta-sts-missing': {
    severity: 'low',
    title: { en: 'No MTA-STS policy', ja: 'MTA-STS ポリシーがありません' },
    explanation: {
      en: 'MTA-STS lets your domain tell other mail servers to deliver to you only over verified TLS, which stops attackers from stripping STARTTLS on the way in.',
      ja: 'MTA-STS は、このドメイン宛てのメールを検証済みの TLS でのみ配送するよう他のメールサーバーに求める仕組みです。経路上で STARTTLS を外す攻撃を防げます。',
    },
    fix: {
      en: 'Publish a policy at https://mta-sts.<domain>/.well-known/mta-sts.txt and a TXT record "v=STSv1; id=<version>" at _mta-sts.<domain>; start with mode: testing.',
      ja: 'https://mta-sts.<ドメイン>/.well-known/mta-sts.txt にポリシーを置き、_mta-sts.<ドメイン> に TXT レコード "v=STSv1; id=<版数>" を登録してください。まずは mode: testing から始めるのが安全です。',
    },
  },
  'mta-sts-txt-invalid': {
    severity: 'medium',
    title: { en: 'The MTA-STS TXT record is not valid', ja: 'MTA-STS の TXT レコードが正しくありません' },
    explanation: {
      en: 'There must be exactly one "v=STSv1" record at _mta-sts with an id of 1–32 letters and digits. Otherwise senders act as if there were no policy.',
      ja: '_mta-sts には "v=STSv1" のレコードが 1 つだけ必要で、id は英数字 1〜32 文字でなければなりません。そうでない場合、送信側はポリシーがないものとして扱います。',
    },
    fix: {
      en: 'Keep one record such as "v=STSv1; id=20240201" and change the id whenever the policy file changes.',
      ja: '"v=STSv1; id=20240201" のようなレコードを 1 つだけにし、ポリシーファイルを変えるたびに id も変更してください。',
    },
  },
  'mta-sts-policy-redirect': {
    severity: 'medium',
    title: { en: 'The MTA-STS policy URL redirects', ja: 'MTA-STS ポリシーの URL がリダイレクトされます' },
    explanation: {
      en: 'Senders must not follow redirects when fetching the policy (RFC 8461), so for them the policy does not exist.',
      ja: 'ポリシーの取得時、送信側はリダイレクトをたどってはいけません（RFC 8461）。そのため送信側から見るとポリシーが存在しません。',
    },
    fix: {
      en: 'Serve the file directly with status 200 at https://mta-sts.<domain>/.well-known/mta-sts.txt.',
      ja: 'https://mta-sts.<ドメイン>/.well-known/mta-sts.txt でファイルをステータス 200 のまま直接返してください。',
    },
  },
  'mta-sts-policy-cert-invalid': {
    severity: 'medium',
    title: {
      en: 'The MTA-STS policy host has an invalid certificate',
      ja: 'MTA-STS ポリシーのサーバー証明書が無効です',
    },
    explanation: {
      en: 'The policy must be served over HTTPS with a valid, trusted certificate for mta-sts.<domain>. Senders ignore a policy they cannot fetch securely.',
      ja: 'ポリシーは mta-sts.<ドメイン> の有効で信頼された証明書を使った HTTPS で配信する必要があります。安全に取得できないポリシーは送信側に無視されます。',
    },
    fix: {
      en: 'Install a certificate from a public CA that covers mta-sts.<domain> (for example with Let’s Encrypt) and keep it renewed.',
      ja: 'mta-sts.<ドメイン> を含む公的な認証局の証明書（Let’s Encrypt など）を導入し、更新を続けてください。',
    },
  },
  'mta-sts-policy-unreachable': {
    severity: 'medium',
    title: { en: 'The MTA-STS policy could not be fetched', ja: 'MTA-STS ポリシーを取得できませんでした' },
    explanation: {
      en: 'A _mta-sts record announces a policy, but https://mta-sts.<domain>/.well-known/mta-sts.txt did not return it (see the detail for the status or error).',
      ja: '_mta-sts レコードでポリシーを告知していますが、https://mta-sts.<ドメイン>/.well-known/mta-sts.txt から取得できませんでした（状態やエラーは詳細をご覧ください）。',
    },
    fix: {
      en: 'Make sure the host mta-sts.<domain> resolves, answers on HTTPS and serves the file with status 200.',
      ja: 'mta-sts.<ドメイン> が名前解決でき、HTTPS で応答し、ファイルをステータス 200 で返すことを確認してください。',
    },
  },
  'mta-sts-policy-invalid': {
    severity: 'high',
    title: { en: 'The MTA-STS policy file is not valid', ja: 'MTA-STS ポリシーファイルが正しくありません' },
    explanation: {
      en: 'The file must contain version: STSv1, a mode (enforce, testing or none), max_age in seconds (at most one year) and at least one mx line.',
      ja: 'ファイルには version: STSv1、mode（enforce・testing・none）、秒単位の max_age（最長 1 年）、1 行以上の mx が必要です。',
    },
    fix: { en: 'Correct the fields listed in the detail.', ja: '詳細に示した項目を修正してください。' },
  },
  'mta-sts-mx-mismatch': {
    severity: 'high',
    title: {
      en: 'An MX host is not covered by the MTA-STS policy',
      ja: 'MTA-STS ポリシーに含まれていない MX ホストがあります',
    },
    explanation: {
      en: 'Every MX host must match an mx line of the policy. In enforce mode, senders refuse to deliver to a host that does not match, so mail to it is lost or delayed.',
      ja: 'すべての MX ホストがポリシーの mx 行のどれかに一致する必要があります。enforce モードでは、一致しないホストへの配送を送信側が拒否するため、メールが届かなかったり遅れたりします。',
    },
    fix: {
      en: 'Add the MX host (or a matching *.pattern) to the policy, change the policy id, and publish both.',
      ja: 'MX ホスト（または一致する *. のパターン）をポリシーに追加し、id を変更して両方を公開してください。',
    },
  },
  'mta-sts-testing': {
    severity: 'info',
    title: { en: 'MTA-STS is in testing mode', ja: 'MTA-STS はテストモードです' },
    explanation: {
      en: 'In testing mode, senders report problems (with TLS-RPT) but still deliver without verified TLS.',
      ja: 'テストモードでは、送信側は問題を（TLS-RPT で）報告しますが、検証済みの TLS がなくても配送を続けます。',
    },
    fix: {
      en: 'When TLS reports show no failures, switch to mode: enforce and change the id.',
      ja: 'TLS レポートで失敗がないことを確認できたら、mode: enforce に変更し、id も変更してください。',
    },
  },
  'mta-sts-disabled': {
    severity: 'info',
    title: { en: 'MTA-STS is switched off (mode: none)', ja: 'MTA-STS は無効化されています（mode: none）' },
    explanation: {
      en: 'Mode none withdraws a previous policy; senders no longer require verified TLS.',
      ja: 'mode: none は以前のポリシーを取り下げる設定で、送信側は検証済みの TLS を求めなくなります。',
    },
    fix: {
      en: 'If this is not intended, publish mode: testing or enforce again.',
      ja: '意図したものでなければ、mode: testing または enforce を再度公開してください。',
    },
  },
  'tls-rpt-missing': {
    severity: 'low',
    title: { en: 'No TLS-RPT record', ja: 'TLS-RPT レコードがありません' },
    explanation: {
      en: 'TLS-RPT (a TXT record at _smtp._tls.<domain>) asks other mail servers to send you daily reports about TLS problems when they deliver to you.',
      ja: 'TLS-RPT（_smtp._tls.<ドメイン> の TXT レコード）は、このドメインへ配送する際の TLS の問題を、他のメールサーバーから毎日レポートしてもらう仕組みです。',
    },
    fix: {
      en: 'Publish "v=TLSRPTv1; rua=mailto:<an address for reports>" at _smtp._tls.<domain>.',
      ja: '_smtp._tls.<ドメイン> に "v=TLSRPTv1; rua=mailto:<レポート受信用アドレス>" を登録してください。',
    },
  },
  'tls-rpt-invalid': {
    severity: 'medium',
    title: { en: 'The TLS-RPT record is not valid', ja: 'TLS-RPT レコードが正しくありません' },
    explanation: {
      en: 'There must be exactly one record starting with "v=TLSRPTv1" (watch for the common typo "TSLRPTv1") with rua= listing mailto: or https: addresses.',
      ja: '"v=TLSRPTv1" で始まるレコードが 1 つだけ必要で（"TSLRPTv1" という綴り間違いがよくあります）、rua= には mailto: か https: の宛先を書きます。',
    },
    fix: {
      en: 'Correct the record as shown in the detail.',
      ja: '詳細に示した内容に沿ってレコードを修正してください。',
    },
  },
  // Issue 19 (SPF evaluator, DMARC and MX as receivers apply them). Audience of every id
  // below: server-hardening (the domain's published records; no mail program setting).
  'spf-void-lookups': {
    severity: 'high',
    title: {
      en: 'SPF looks up more than two names that do not exist',
      ja: 'SPF が存在しない名前を 3 回以上参照しています',
    },
    explanation: {
      en: 'Receivers allow at most two lookups that find nothing (a name or record that does not exist) while evaluating SPF (RFC 7208 §4.6.4). The third ends the check with a permanent error, so SPF fails for all your mail.',
      ja: '受信側は SPF の評価中、何も見つからない参照（存在しない名前やレコード）を 2 回までしか認めません（RFC 7208 §4.6.4）。3 回目で恒久エラーとして打ち切られ、すべてのメールで SPF が失敗します。',
    },
    fix: {
      en: 'Remove or correct the a:, mx:, exists: and include: terms named in the detail; they point to names that do not exist.',
      ja: '詳細に示した a:・mx:・exists:・include: の記述は存在しない名前を指しています。修正するか削除してください。',
    },
  },
  'spf-include-loop': {
    severity: 'high',
    title: { en: 'SPF includes itself in a loop', ja: 'SPF の include が循環しています' },
    explanation: {
      en: 'An include: or redirect= leads back to a record already being evaluated. Receivers follow it until the 10-lookup limit and then stop with a permanent error, so SPF fails for all your mail.',
      ja: 'include: または redirect= が、評価中のレコードに戻ってきます。受信側は参照回数の上限（10 回）までたどった後に恒久エラーで打ち切るため、すべてのメールで SPF が失敗します。',
    },
    fix: {
      en: 'Remove the include or redirect named in the detail, so that no record includes one of the records that include it.',
      ja: '詳細に示した include または redirect を削除し、レコードが自分を含むレコードを取り込まないようにしてください。',
    },
  },
  'spf-mx-limit': {
    severity: 'high',
    title: {
      en: 'An SPF "mx" term names more than 10 mail servers',
      ja: 'SPF の "mx" が 10 台を超えるメールサーバーを指しています',
    },
    explanation: {
      en: 'Receivers look at no more than 10 MX hosts for one "mx" term (RFC 7208 §4.6.4); with more, the check ends with a permanent error.',
      ja: '受信側は 1 つの "mx" について MX ホストを 10 台までしか調べません（RFC 7208 §4.6.4）。それを超えると恒久エラーで打ち切られます。',
    },
    fix: {
      en: 'List the sending addresses with ip4:/ip6: instead of "mx", or reduce the number of MX records.',
      ja: '"mx" の代わりに ip4:/ip6: で送信元アドレスを書くか、MX レコードの数を減らしてください。',
    },
  },
  'spf-ptr': {
    severity: 'low',
    title: {
      en: 'SPF uses "ptr", which should not be published',
      ja: 'SPF が推奨されない "ptr" を使っています',
    },
    explanation: {
      en: 'The ptr mechanism (and the %{p} macro) is slow, unreliable and heavy on DNS; RFC 7208 §5.5 says it should not be published, and some receivers ignore it, so the servers it was meant to allow may fail SPF.',
      ja: 'ptr 機構（および %{p} マクロ）は遅く、不確実で、DNS に負担をかけます。RFC 7208 §5.5 は公開すべきでないとしており、無視する受信側もあるため、許可したつもりのサーバーが SPF に失敗することがあります。',
    },
    fix: {
      en: 'Replace ptr with ip4:/ip6: ranges or the include: your provider documents.',
      ja: 'ptr を ip4:/ip6: の範囲、またはメールサービスが案内する include: に置き換えてください。',
    },
  },
  'dmarc-subdomain-none': {
    severity: 'medium',
    title: {
      en: 'DMARC leaves subdomains unprotected (sp=none)',
      ja: 'DMARC がサブドメインを保護していません（sp=none）',
    },
    explanation: {
      en: 'The domain itself has a quarantine or reject policy, but sp=none tells receivers to deliver forged mail from any subdomain (such as billing.<domain>) as usual.',
      ja: 'ドメイン本体には quarantine か reject のポリシーがありますが、sp=none のため、サブドメイン（billing.<ドメイン> など）を名乗る偽のメールは通常どおり配信されます。',
    },
    fix: {
      en: 'Remove sp= (subdomains then follow p=) or set it to quarantine or reject.',
      ja: 'sp= を削除する（サブドメインにも p= が適用されます）か、quarantine または reject にしてください。',
    },
  },
  'dmarc-rua-unauthorized': {
    severity: 'medium',
    title: {
      en: 'The DMARC report address in another domain has not agreed to receive reports',
      ja: '別ドメインの DMARC レポート送信先が受け取りを承認していません',
    },
    explanation: {
      en: 'When rua= points to another organisation’s domain, receivers first look for a TXT record "v=DMARC1" at <your domain>._report._dmarc.<report domain> (RFC 7489 §7.1). Without it, no aggregate reports are sent there.',
      ja: 'rua= が別の組織のドメインを指す場合、受信側はまず <自ドメイン>._report._dmarc.<レポート先ドメイン> に "v=DMARC1" の TXT レコードがあるかを確認します（RFC 7489 §7.1）。これがないと、そこへは集計レポートが送られません。',
    },
    fix: {
      en: 'Ask whoever runs the report domain (your report service) to publish the record named in the detail, or send reports to an address in your own domain.',
      ja: 'レポート先ドメインの管理者（レポートサービス）に詳細に示したレコードの公開を依頼するか、自ドメインのアドレスを送信先にしてください。',
    },
  },
  'dmarc-tag-order': {
    severity: 'low',
    title: { en: 'DMARC: p= is not the second tag', ja: 'DMARC: p= が 2 番目のタグではありません' },
    explanation: {
      en: 'RFC 7489’s grammar puts p= directly after v=DMARC1; strict receivers may reject the record otherwise. The DMARCbis revision only requires v= to come first, so receivers differ here.',
      ja: 'RFC 7489 の文法では p= は v=DMARC1 の直後に置きます。厳密な受信側はそれ以外を無効とすることがあります。改訂版の DMARCbis は v= が先頭であることだけを求めるため、受信側によって扱いが異なります。',
    },
    fix: {
      en: 'Write the record as "v=DMARC1; p=…; …" with p= second.',
      ja: '"v=DMARC1; p=…; …" のように、p= を 2 番目に書いてください。',
    },
  },
  'mx-null-mixed': {
    severity: 'medium',
    title: {
      en: 'A null MX is published beside real MX records',
      ja: 'Null MX と通常の MX レコードが同時に公開されています',
    },
    explanation: {
      en: 'A null MX ("0 .") says the domain accepts no mail, and RFC 7505 forbids publishing it with other MX records. Senders may treat the domain as one that receives nothing and return your mail.',
      ja: 'Null MX（"0 ."）はメールを一切受け付けないという宣言で、RFC 7505 は他の MX レコードと併用することを禁じています。送信側がこのドメインを受信しないドメインとみなし、メールを返送することがあります。',
    },
    fix: {
      en: 'If the domain receives mail, delete the "0 ." record; if it does not, delete the other MX records.',
      ja: 'メールを受信するドメインなら "0 ." のレコードを削除し、受信しないなら他の MX レコードを削除してください。',
    },
  },
  'mx-cname': {
    severity: 'medium',
    title: { en: 'An MX record points to an alias (CNAME)', ja: 'MX レコードが別名（CNAME）を指しています' },
    explanation: {
      en: 'An MX host must be a name with its own address records, not a CNAME (RFC 2181 §10.3). Some mail servers refuse to deliver to it or treat it as an error.',
      ja: 'MX ホストは CNAME ではなく、自身のアドレスレコードを持つ名前でなければなりません（RFC 2181 §10.3）。配送を拒否したりエラーとして扱ったりするメールサーバーもあります。',
    },
    fix: {
      en: 'Point the MX record at the target of the alias named in the detail.',
      ja: 'MX レコードを、詳細に示した別名の参照先に直接向けてください。',
    },
  },
} as const satisfies Record<string, DnsFindingText>;

export type DnsFindingId = keyof typeof dnsFindingCatalogue;

/** The Gmail/Yahoo 2024 sender requirements the posture reports on, with their labels. */
export const senderRequirementLabels = {
  spf: { en: 'SPF published and valid', ja: 'SPF が正しく公開されている' },
  dkim: { en: 'DKIM key published', ja: 'DKIM の鍵が公開されている' },
  dmarc: { en: 'DMARC published (p=none is enough)', ja: 'DMARC が公開されている（p=none で可）' },
  'tls-transport': {
    en: 'Mail is sent over TLS (test your sending server with the audit)',
    ja: 'TLS で送信している（送信サーバーは本ツールの検査で確認できます）',
  },
  'reverse-dns': {
    en: 'The sending IP has matching reverse DNS (needs the IP address)',
    ja: '送信元 IP の逆引きが一致している（IP アドレスが必要です）',
  },
  'dmarc-alignment': {
    en: 'The From domain aligns with SPF or DKIM (needs a sent message)',
    ja: 'From のドメインが SPF か DKIM と一致している（送信済みメールが必要です）',
  },
  'one-click-unsubscribe': {
    en: 'Marketing mail offers one-click unsubscribe (needs a sent message)',
    ja: '広告メールにワンクリック登録解除がある（送信済みメールが必要です）',
  },
  'spam-rate': {
    en: 'Spam complaint rate stays below 0.3 % (see Postmaster Tools)',
    ja: '迷惑メール報告率が 0.3% 未満（Postmaster Tools で確認できます）',
  },
} as const satisfies Record<string, Text>;

export type SenderRequirementId = keyof typeof senderRequirementLabels;
