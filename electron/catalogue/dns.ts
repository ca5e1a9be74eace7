/**
 * The domain-posture findings' words (DNS), for every id of the contract's
 * `dnsFindingIds` (ratings.ts rates them; index.ts joins the two). Their fix is for
 * whoever runs the domain, so they carry no separate fix for a mail program's user.
 */
import type { DnsFindingId } from '../contract.js';
import type { FindingTexts } from './types.js';

export const dnsWords: Record<DnsFindingId, FindingTexts> = {
  'dns-timeout': {
    en: {
      title: 'A DNS lookup timed out',
      explanation:
        'The DNS server did not answer in time, so this part of the check could not be completed. The result below may be incomplete.',
      fixAdmin:
        'Try again later or with another DNS server (--dns-server). If it keeps happening, ask whoever runs the domain’s name servers.',
    },
    ja: {
      title: 'DNS の問い合わせがタイムアウトしました',
      explanation:
        'DNS サーバーが時間内に応答しなかったため、この項目は確認できませんでした。以下の結果は不完全な可能性があります。',
      fixAdmin:
        '時間をおいて再実行するか、別の DNS サーバー（--dns-server）でお試しください。続く場合は、ドメインのネームサーバーの管理者にご相談ください。',
    },
  },
  'dns-servfail': {
    en: {
      title: 'The DNS server reported a failure (SERVFAIL)',
      explanation:
        'The resolver could not get an answer for this name. Common causes are broken DNSSEC signatures or unreachable name servers. Mail servers elsewhere will have the same problem.',
      fixAdmin:
        'Check the domain’s name servers and DNSSEC signatures (for example with an online DNSSEC checker).',
    },
    ja: {
      title: 'DNS サーバーがエラー（SERVFAIL）を返しました',
      explanation:
        'リゾルバーがこの名前の答えを得られませんでした。DNSSEC の署名の不備や、ネームサーバーに到達できないことがよくある原因です。他社のメールサーバーでも同じ問題が起きます。',
      fixAdmin:
        'ドメインのネームサーバーと DNSSEC の署名を確認してください（オンラインの DNSSEC 検査ツールなどが使えます）。',
    },
  },
  'dns-lookup-failed': {
    en: {
      title: 'A DNS lookup failed',
      explanation:
        'The DNS server refused the query or answered with something unusable, so this part of the check could not be completed.',
      fixAdmin: 'Check the network connection and the DNS server setting, then try again.',
    },
    ja: {
      title: 'DNS の問い合わせに失敗しました',
      explanation:
        'DNS サーバーが問い合わせを拒否したか、使えない応答を返したため、この項目は確認できませんでした。',
      fixAdmin: 'ネットワーク接続と DNS サーバーの設定を確認してから、もう一度お試しください。',
    },
  },
  'mx-missing': {
    en: {
      title: 'No MX record',
      explanation:
        'The domain names no mail server for incoming mail. Replies and bounce messages to this domain may not arrive, and large mailbox providers treat such senders with suspicion.',
      fixAdmin:
        'Publish MX records for the server that receives your mail (your provider’s setup guide lists them).',
    },
    ja: {
      title: 'MX レコードがありません',
      explanation:
        'このドメインには受信用のメールサーバーが登録されていません。返信やエラー通知が届かない可能性があり、大手メールサービスからも疑わしい送信元と見なされやすくなります。',
      fixAdmin:
        'メールを受信するサーバーの MX レコードを登録してください（値はご利用のサービスの設定ガイドに記載されています）。',
    },
  },
  'mx-null': {
    en: {
      title: 'The domain declares that it receives no mail (null MX)',
      explanation:
        'A single MX record pointing to "." (RFC 7505) says that no mail is accepted for this domain. That is correct for domains that never send or receive mail.',
      fixAdmin: 'If you do send mail from this domain, replace the null MX with your real mail servers.',
    },
    ja: {
      title: 'このドメインはメールを受信しないと宣言しています（Null MX）',
      explanation:
        '"." を指す MX レコード（RFC 7505）は、このドメイン宛てのメールを一切受け付けないという宣言です。メールを使わないドメインであれば正しい設定です。',
      fixAdmin:
        'このドメインからメールを送信する場合は、Null MX を実際のメールサーバーに置き換えてください。',
    },
  },
  'spf-missing': {
    en: {
      title: 'No SPF record',
      explanation:
        'SPF lists the servers allowed to send mail for the domain. Without it, receivers cannot tell your mail from forgeries, and Gmail and Yahoo reject or junk mail from bulk senders without SPF.',
      fixAdmin:
        'Publish one TXT record at the domain, for example "v=spf1 include:<your provider> -all", using the include your mail provider documents.',
    },
    ja: {
      title: 'SPF レコードがありません',
      explanation:
        'SPF は、このドメインのメールを送信してよいサーバーを示す仕組みです。これがないと受信側は本物と偽物を区別できず、Gmail や Yahoo は SPF のない大量送信者のメールを拒否したり迷惑メールに振り分けたりします。',
      fixAdmin:
        'ドメインに TXT レコードを 1 つ登録してください。例: "v=spf1 include:<ご利用のサービス> -all"（include の値はメールサービスの案内に従ってください）。',
    },
  },
  'spf-multiple': {
    en: {
      title: 'More than one SPF record',
      explanation:
        'A domain must publish exactly one record starting with "v=spf1". With two or more, receivers stop evaluating and treat SPF as a permanent error, so SPF fails for all your mail.',
      fixAdmin:
        'Merge the records into one: keep a single "v=spf1", list every include/ip4/ip6 term once, and end with one "-all" or "~all".',
    },
    ja: {
      title: 'SPF レコードが複数あります',
      explanation:
        '"v=spf1" で始まるレコードはドメインに 1 つだけでなければなりません。2 つ以上あると受信側は評価をやめて恒久エラーとして扱うため、すべてのメールで SPF が失敗します。',
      fixAdmin:
        'レコードを 1 つにまとめてください。"v=spf1" は 1 回だけにし、include・ip4・ip6 などをすべて並べ、最後に "-all" か "~all" を 1 つ付けます。',
    },
  },
  'spf-syntax': {
    en: {
      title: 'The SPF record contains terms that are not valid',
      explanation:
        'Some parts of the record are not SPF mechanisms or modifiers (often a typo such as "inlcude:" or a missing value). Receivers treat an invalid record as a permanent error.',
      fixAdmin: 'Correct or remove the terms listed in the detail.',
    },
    ja: {
      title: 'SPF レコードに無効な記述があります',
      explanation:
        'レコードの一部が SPF の機構・修飾子として解釈できません（"inlcude:" のような綴り間違いや値の抜けがよくある原因です）。受信側は無効なレコードを恒久エラーとして扱います。',
      fixAdmin: '詳細に示した記述を修正するか削除してください。',
    },
  },
  'spf-too-many-lookups': {
    en: {
      title: 'SPF needs more than 10 DNS lookups',
      explanation:
        'Evaluating SPF may cost at most 10 DNS lookups (include, a, mx, ptr, exists and redirect, counted through every include). Above that, receivers stop with a permanent error and SPF fails.',
      fixAdmin:
        'Remove includes for services you no longer use, replace "a" and "mx" with ip4/ip6 ranges where they are stable, or ask your providers for a flatter include.',
    },
    ja: {
      title: 'SPF の DNS 参照が 10 回を超えています',
      explanation:
        'SPF の評価で行える DNS 参照は最大 10 回です（include・a・mx・ptr・exists・redirect を、include 先も含めて数えます）。これを超えると受信側は恒久エラーで評価を打ち切り、SPF は失敗します。',
      fixAdmin:
        '使っていないサービスの include を削除する、変わらないアドレスは "a" や "mx" の代わりに ip4/ip6 で書く、などして参照回数を減らしてください。',
    },
  },
  'spf-include-missing': {
    en: {
      title: 'An SPF include points to a domain without SPF',
      explanation:
        'An include: or redirect= names a domain that publishes no SPF record. Receivers treat that as a permanent error.',
      fixAdmin: 'Check the spelling of the include against your provider’s documentation, or remove it.',
    },
    ja: {
      title: 'SPF の include 先に SPF レコードがありません',
      explanation:
        'include: または redirect= で指定したドメインに SPF レコードがありません。受信側はこれを恒久エラーとして扱います。',
      fixAdmin: 'include の綴りをサービスの案内と照らし合わせて確認するか、不要であれば削除してください。',
    },
  },
  'spf-pass-all': {
    en: {
      title: 'SPF allows every server ("+all")',
      explanation:
        'Ending the record with "+all" (or a bare "all") authorises the whole internet to send as your domain, which makes SPF useless and invites forgery.',
      fixAdmin: 'End the record with "-all" (or "~all" while you are still testing).',
    },
    ja: {
      title: 'SPF がすべてのサーバーを許可しています（"+all"）',
      explanation:
        'レコードの最後が "+all"（または記号なしの "all"）だと、インターネット上のどのサーバーにもこのドメインとしての送信を認めることになり、SPF が意味をなさず、なりすましを招きます。',
      fixAdmin: 'レコードの最後を "-all"（確認中の間は "~all"）にしてください。',
    },
  },
  'spf-neutral-all': {
    en: {
      title: 'SPF does not end in "-all" or "~all"',
      explanation:
        'With "?all" or no "all" at all, mail from servers not on your list is treated as neutral, so SPF gives receivers nothing to act on.',
      fixAdmin: 'Once the record lists all your sending services, end it with "-all" (or "~all").',
    },
    ja: {
      title: 'SPF の最後が "-all" でも "~all" でもありません',
      explanation:
        '"?all" や "all" の記述がない場合、一覧にないサーバーからのメールも「中立」と扱われ、受信側は SPF を判断材料にできません。',
      fixAdmin: '送信に使うサービスをすべて記載したうえで、最後を "-all"（または "~all"）にしてください。',
    },
  },
  'dmarc-missing': {
    en: {
      title: 'No DMARC record',
      explanation:
        'DMARC (a TXT record at _dmarc.<domain>) tells receivers what to do with mail that fails SPF and DKIM, and sends you reports. Gmail and Yahoo require it from bulk senders since February 2024.',
      fixAdmin:
        'Start with "v=DMARC1; p=none; rua=mailto:<your report address>" at _dmarc.<domain>, read the reports, then move to p=quarantine or p=reject.',
    },
    ja: {
      title: 'DMARC レコードがありません',
      explanation:
        'DMARC（_dmarc.<ドメイン> の TXT レコード）は、SPF と DKIM に失敗したメールの扱いを受信側に伝え、レポートを受け取る仕組みです。2024 年 2 月から Gmail と Yahoo は大量送信者に DMARC を必須としています。',
      fixAdmin:
        'まず _dmarc.<ドメイン> に "v=DMARC1; p=none; rua=mailto:<レポート受信用アドレス>" を登録し、レポートを確認してから p=quarantine や p=reject に進めてください。',
    },
  },
  'dmarc-multiple': {
    en: {
      title: 'More than one DMARC record',
      explanation:
        'With two or more "v=DMARC1" records at _dmarc, receivers ignore DMARC for the domain entirely.',
      fixAdmin: 'Keep exactly one DMARC record.',
    },
    ja: {
      title: 'DMARC レコードが複数あります',
      explanation:
        '_dmarc に "v=DMARC1" のレコードが 2 つ以上あると、受信側はこのドメインの DMARC を無視します。',
      fixAdmin: 'DMARC レコードを 1 つだけにしてください。',
    },
  },
  'dmarc-invalid': {
    en: {
      title: 'The DMARC record is not valid',
      explanation:
        'The record lacks a valid policy (p=none, quarantine or reject) or has malformed tags, so receivers may ignore it.',
      fixAdmin:
        'Correct the tags listed in the detail; the record must start with "v=DMARC1;" followed by "p=".',
    },
    ja: {
      title: 'DMARC レコードが正しくありません',
      explanation:
        '有効なポリシー（p=none・quarantine・reject）がないか、タグの書き方に誤りがあるため、受信側に無視される可能性があります。',
      fixAdmin: '詳細に示したタグを修正してください。レコードは "v=DMARC1;" で始め、続けて "p=" を書きます。',
    },
  },
  'dmarc-monitoring-only': {
    en: {
      title: 'DMARC only monitors (p=none)',
      explanation:
        'With p=none, receivers deliver forged mail as usual and only report it. That meets the Gmail/Yahoo minimum but does not yet protect your domain.',
      fixAdmin:
        'When the reports show all your legitimate mail passing, change to p=quarantine and later p=reject.',
    },
    ja: {
      title: 'DMARC が監視のみの設定です（p=none）',
      explanation:
        'p=none では、なりすましメールも通常どおり配信され、レポートが送られるだけです。Gmail・Yahoo の最低要件は満たしますが、ドメインはまだ保護されていません。',
      fixAdmin:
        'レポートで正規のメールがすべて合格していることを確認できたら、p=quarantine、その後 p=reject に変更してください。',
    },
  },
  'dmarc-partial-pct': {
    en: {
      title: 'DMARC applies to only part of the mail (pct below 100)',
      explanation:
        'The pct tag limits the policy to a percentage of failing messages; the rest are treated as if the policy were one step weaker.',
      fixAdmin: 'Raise pct to 100 (or remove it) once you are confident in the policy.',
    },
    ja: {
      title: 'DMARC が一部のメールにしか適用されません（pct が 100 未満）',
      explanation:
        'pct タグにより、ポリシーは失敗したメールの一部にしか適用されず、残りは一段階弱いポリシーとして扱われます。',
      fixAdmin:
        'ポリシーに問題がないことを確認できたら、pct を 100 にする（または削除する）ことをおすすめします。',
    },
  },
  'dmarc-no-reports': {
    en: {
      title: 'DMARC sends no reports (no rua)',
      explanation:
        'Without rua=, you never learn who sends mail as your domain or whether your own mail passes.',
      fixAdmin: 'Add rua=mailto:<an address that collects reports>.',
    },
    ja: {
      title: 'DMARC のレポート送信先がありません（rua なし）',
      explanation:
        'rua= がないと、誰がこのドメインとしてメールを送っているのか、自分のメールが合格しているのかを知ることができません。',
      fixAdmin: 'rua=mailto:<レポートを受け取るアドレス> を追加してください。',
    },
  },
  'dkim-not-found': {
    en: {
      title: 'No DKIM key for the given selector',
      explanation:
        'No key was published at <selector>._domainkey.<domain>. Mail signed with this selector fails DKIM, and Gmail and Yahoo require DKIM from bulk senders.',
      fixAdmin:
        'Check the selector in the DKIM-Signature header (s=) of a sent message, and publish the key your provider gives you.',
    },
    ja: {
      title: '指定したセレクターの DKIM 鍵がありません',
      explanation:
        '<セレクター>._domainkey.<ドメイン> に鍵が公開されていません。このセレクターで署名したメールは DKIM に失敗します。Gmail と Yahoo は大量送信者に DKIM を必須としています。',
      fixAdmin:
        '送信したメールの DKIM-Signature ヘッダー（s=）でセレクターを確認し、メールサービスから提供された鍵を登録してください。',
    },
  },
  'dkim-selector-unknown': {
    en: {
      title: 'DKIM could not be checked: selector unknown',
      explanation:
        'A DKIM key lives under a selector name that only a signed message reveals. None of the common selectors (google, selector1, selector2, default, k1) has a key, which does not mean DKIM is missing.',
      fixAdmin:
        'Look up s= in the DKIM-Signature header of a message you sent and run the check again with that selector.',
    },
    ja: {
      title: 'DKIM を確認できませんでした（セレクター不明）',
      explanation:
        'DKIM の鍵はセレクターという名前の下に置かれ、その名前は署名済みのメールからしか分かりません。よく使われるセレクター（google, selector1, selector2, default, k1）には鍵がありませんでしたが、DKIM がないとは限りません。',
      fixAdmin:
        '送信したメールの DKIM-Signature ヘッダーの s= を確認し、そのセレクターを指定してもう一度確認してください。',
    },
  },
  'dkim-revoked': {
    en: {
      title: 'The DKIM key is revoked (empty p=)',
      explanation:
        'The record exists but its key is empty, which means the key was withdrawn. Signatures with this selector fail.',
      fixAdmin:
        'If you still sign with this selector, publish its current key; otherwise stop using the selector.',
    },
    ja: {
      title: 'DKIM 鍵が失効しています（p= が空）',
      explanation:
        'レコードはありますが鍵が空で、鍵が取り消された状態です。このセレクターの署名は失敗します。',
      fixAdmin:
        'このセレクターで署名を続ける場合は現在の鍵を登録し、そうでなければセレクターの利用をやめてください。',
    },
  },
  'dkim-weak-key': {
    en: {
      title: 'The DKIM key is too short (under 1024 bits)',
      explanation:
        'RSA keys under 1024 bits can be broken, and Gmail requires at least 1024 bits. Signatures with such a key are ignored or fail.',
      fixAdmin: 'Generate a 2048-bit key with your mail provider and publish it under a new selector.',
    },
    ja: {
      title: 'DKIM 鍵が短すぎます（1024 ビット未満）',
      explanation:
        '1024 ビット未満の RSA 鍵は解読される恐れがあり、Gmail は 1024 ビット以上を求めています。このような鍵の署名は無視されるか失敗します。',
      fixAdmin: 'メールサービスで 2048 ビットの鍵を作成し、新しいセレクターで登録してください。',
    },
  },
  'dkim-short-key': {
    en: {
      title: 'The DKIM key is shorter than 2048 bits',
      explanation: 'Keys from 1024 bits are still accepted, but 2048 bits is the recommended size today.',
      fixAdmin: 'Move to a 2048-bit key when you next rotate keys.',
    },
    ja: {
      title: 'DKIM 鍵が 2048 ビット未満です',
      explanation: '1024 ビット以上の鍵は現在も受け入れられますが、今は 2048 ビットが推奨されています。',
      fixAdmin: '次の鍵の切り替え時に 2048 ビットの鍵へ移行してください。',
    },
  },
  'mta-sts-missing': {
    en: {
      title: 'No MTA-STS policy',
      explanation:
        'MTA-STS lets your domain tell other mail servers to deliver to you only over verified TLS, which stops attackers from stripping STARTTLS on the way in.',
      fixAdmin:
        'Publish a policy at https://mta-sts.<domain>/.well-known/mta-sts.txt and a TXT record "v=STSv1; id=<version>" at _mta-sts.<domain>; start with mode: testing.',
    },
    ja: {
      title: 'MTA-STS ポリシーがありません',
      explanation:
        'MTA-STS は、このドメイン宛てのメールを検証済みの TLS でのみ配送するよう他のメールサーバーに求める仕組みです。経路上で STARTTLS を外す攻撃を防げます。',
      fixAdmin:
        'https://mta-sts.<ドメイン>/.well-known/mta-sts.txt にポリシーを置き、_mta-sts.<ドメイン> に TXT レコード "v=STSv1; id=<版数>" を登録してください。まずは mode: testing から始めるのが安全です。',
    },
  },
  'mta-sts-txt-invalid': {
    en: {
      title: 'The MTA-STS TXT record is not valid',
      explanation:
        'There must be exactly one "v=STSv1" record at _mta-sts with an id of 1–32 letters and digits. Otherwise senders act as if there were no policy.',
      fixAdmin:
        'Keep one record such as "v=STSv1; id=20240201" and change the id whenever the policy file changes.',
    },
    ja: {
      title: 'MTA-STS の TXT レコードが正しくありません',
      explanation:
        '_mta-sts には "v=STSv1" のレコードが 1 つだけ必要で、id は英数字 1〜32 文字でなければなりません。そうでない場合、送信側はポリシーがないものとして扱います。',
      fixAdmin:
        '"v=STSv1; id=20240201" のようなレコードを 1 つだけにし、ポリシーファイルを変えるたびに id も変更してください。',
    },
  },
  'mta-sts-policy-redirect': {
    en: {
      title: 'The MTA-STS policy URL redirects',
      explanation:
        'Senders must not follow redirects when fetching the policy (RFC 8461), so for them the policy does not exist.',
      fixAdmin:
        'Serve the file directly with status 200 at https://mta-sts.<domain>/.well-known/mta-sts.txt.',
    },
    ja: {
      title: 'MTA-STS ポリシーの URL がリダイレクトされます',
      explanation:
        'ポリシーの取得時、送信側はリダイレクトをたどってはいけません（RFC 8461）。そのため送信側から見るとポリシーが存在しません。',
      fixAdmin:
        'https://mta-sts.<ドメイン>/.well-known/mta-sts.txt でファイルをステータス 200 のまま直接返してください。',
    },
  },
  'mta-sts-policy-cert-invalid': {
    en: {
      title: 'The MTA-STS policy host has an invalid certificate',
      explanation:
        'The policy must be served over HTTPS with a valid, trusted certificate for mta-sts.<domain>. Senders ignore a policy they cannot fetch securely.',
      fixAdmin:
        'Install a certificate from a public CA that covers mta-sts.<domain> (for example with Let’s Encrypt) and keep it renewed.',
    },
    ja: {
      title: 'MTA-STS ポリシーのサーバー証明書が無効です',
      explanation:
        'ポリシーは mta-sts.<ドメイン> の有効で信頼された証明書を使った HTTPS で配信する必要があります。安全に取得できないポリシーは送信側に無視されます。',
      fixAdmin:
        'mta-sts.<ドメイン> を含む公的な認証局の証明書（Let’s Encrypt など）を導入し、更新を続けてください。',
    },
  },
  'mta-sts-policy-unreachable': {
    en: {
      title: 'The MTA-STS policy could not be fetched',
      explanation:
        'A _mta-sts record announces a policy, but https://mta-sts.<domain>/.well-known/mta-sts.txt did not return it (see the detail for the status or error).',
      fixAdmin:
        'Make sure the host mta-sts.<domain> resolves, answers on HTTPS and serves the file with status 200.',
    },
    ja: {
      title: 'MTA-STS ポリシーを取得できませんでした',
      explanation:
        '_mta-sts レコードでポリシーを告知していますが、https://mta-sts.<ドメイン>/.well-known/mta-sts.txt から取得できませんでした（状態やエラーは詳細をご覧ください）。',
      fixAdmin:
        'mta-sts.<ドメイン> が名前解決でき、HTTPS で応答し、ファイルをステータス 200 で返すことを確認してください。',
    },
  },
  'mta-sts-policy-invalid': {
    en: {
      title: 'The MTA-STS policy file is not valid',
      explanation:
        'The file must contain version: STSv1, a mode (enforce, testing or none), max_age in seconds (at most one year) and at least one mx line.',
      fixAdmin: 'Correct the fields listed in the detail.',
    },
    ja: {
      title: 'MTA-STS ポリシーファイルが正しくありません',
      explanation:
        'ファイルには version: STSv1、mode（enforce・testing・none）、秒単位の max_age（最長 1 年）、1 行以上の mx が必要です。',
      fixAdmin: '詳細に示した項目を修正してください。',
    },
  },
  'mta-sts-mx-mismatch': {
    en: {
      title: 'An MX host is not covered by the MTA-STS policy',
      explanation:
        'Every MX host must match an mx line of the policy. In enforce mode, senders refuse to deliver to a host that does not match, so mail to it is lost or delayed.',
      fixAdmin:
        'Add the MX host (or a matching *.pattern) to the policy, change the policy id, and publish both.',
    },
    ja: {
      title: 'MTA-STS ポリシーに含まれていない MX ホストがあります',
      explanation:
        'すべての MX ホストがポリシーの mx 行のどれかに一致する必要があります。enforce モードでは、一致しないホストへの配送を送信側が拒否するため、メールが届かなかったり遅れたりします。',
      fixAdmin:
        'MX ホスト（または一致する *. のパターン）をポリシーに追加し、id を変更して両方を公開してください。',
    },
  },
  'mta-sts-testing': {
    en: {
      title: 'MTA-STS is in testing mode',
      explanation:
        'In testing mode, senders report problems (with TLS-RPT) but still deliver without verified TLS.',
      fixAdmin: 'When TLS reports show no failures, switch to mode: enforce and change the id.',
    },
    ja: {
      title: 'MTA-STS はテストモードです',
      explanation:
        'テストモードでは、送信側は問題を（TLS-RPT で）報告しますが、検証済みの TLS がなくても配送を続けます。',
      fixAdmin: 'TLS レポートで失敗がないことを確認できたら、mode: enforce に変更し、id も変更してください。',
    },
  },
  'mta-sts-disabled': {
    en: {
      title: 'MTA-STS is switched off (mode: none)',
      explanation: 'Mode none withdraws a previous policy; senders no longer require verified TLS.',
      fixAdmin: 'If this is not intended, publish mode: testing or enforce again.',
    },
    ja: {
      title: 'MTA-STS は無効化されています（mode: none）',
      explanation:
        'mode: none は以前のポリシーを取り下げる設定で、送信側は検証済みの TLS を求めなくなります。',
      fixAdmin: '意図したものでなければ、mode: testing または enforce を再度公開してください。',
    },
  },
  'tls-rpt-missing': {
    en: {
      title: 'No TLS-RPT record',
      explanation:
        'TLS-RPT (a TXT record at _smtp._tls.<domain>) asks other mail servers to send you daily reports about TLS problems when they deliver to you.',
      fixAdmin: 'Publish "v=TLSRPTv1; rua=mailto:<an address for reports>" at _smtp._tls.<domain>.',
    },
    ja: {
      title: 'TLS-RPT レコードがありません',
      explanation:
        'TLS-RPT（_smtp._tls.<ドメイン> の TXT レコード）は、このドメインへ配送する際の TLS の問題を、他のメールサーバーから毎日レポートしてもらう仕組みです。',
      fixAdmin:
        '_smtp._tls.<ドメイン> に "v=TLSRPTv1; rua=mailto:<レポート受信用アドレス>" を登録してください。',
    },
  },
  'tls-rpt-invalid': {
    en: {
      title: 'The TLS-RPT record is not valid',
      explanation:
        'There must be exactly one record starting with "v=TLSRPTv1" (watch for the common typo "TSLRPTv1") with rua= listing mailto: or https: addresses.',
      fixAdmin: 'Correct the record as shown in the detail.',
    },
    ja: {
      title: 'TLS-RPT レコードが正しくありません',
      explanation:
        '"v=TLSRPTv1" で始まるレコードが 1 つだけ必要で（"TSLRPTv1" という綴り間違いがよくあります）、rua= には mailto: か https: の宛先を書きます。',
      fixAdmin: '詳細に示した内容に沿ってレコードを修正してください。',
    },
  },
  // Issue 19: SPF as RFC 7208 evaluates it, DMARC and MX as receivers apply them.
  'spf-void-lookups': {
    en: {
      title: 'SPF looks up more than two names that do not exist',
      explanation:
        'Receivers allow at most two lookups that find nothing (a name or record that does not exist) while evaluating SPF (RFC 7208 §4.6.4). The third ends the check with a permanent error, so SPF fails for all your mail.',
      fixAdmin:
        'Remove or correct the a:, mx:, exists: and include: terms named in the detail; they point to names that do not exist.',
    },
    ja: {
      title: 'SPF が存在しない名前を 3 回以上参照しています',
      explanation:
        '受信側は SPF の評価中、何も見つからない参照（存在しない名前やレコード）を 2 回までしか認めません（RFC 7208 §4.6.4）。3 回目で恒久エラーとして打ち切られ、すべてのメールで SPF が失敗します。',
      fixAdmin:
        '詳細に示した a:・mx:・exists:・include: の記述は存在しない名前を指しています。修正するか削除してください。',
    },
  },
  'spf-include-loop': {
    en: {
      title: 'SPF includes itself in a loop',
      explanation:
        'An include: or redirect= leads back to a record already being evaluated. Receivers follow it until the 10-lookup limit and then stop with a permanent error, so SPF fails for all your mail.',
      fixAdmin:
        'Remove the include or redirect named in the detail, so that no record includes one of the records that include it.',
    },
    ja: {
      title: 'SPF の include が循環しています',
      explanation:
        'include: または redirect= が、評価中のレコードに戻ってきます。受信側は参照回数の上限（10 回）までたどった後に恒久エラーで打ち切るため、すべてのメールで SPF が失敗します。',
      fixAdmin:
        '詳細に示した include または redirect を削除し、レコードが自分を含むレコードを取り込まないようにしてください。',
    },
  },
  'spf-mx-limit': {
    en: {
      title: 'An SPF "mx" term names more than 10 mail servers',
      explanation:
        'Receivers look at no more than 10 MX hosts for one "mx" term (RFC 7208 §4.6.4); with more, the check ends with a permanent error.',
      fixAdmin:
        'List the sending addresses with ip4:/ip6: instead of "mx", or reduce the number of MX records.',
    },
    ja: {
      title: 'SPF の "mx" が 10 台を超えるメールサーバーを指しています',
      explanation:
        '受信側は 1 つの "mx" について MX ホストを 10 台までしか調べません（RFC 7208 §4.6.4）。それを超えると恒久エラーで打ち切られます。',
      fixAdmin: '"mx" の代わりに ip4:/ip6: で送信元アドレスを書くか、MX レコードの数を減らしてください。',
    },
  },
  'spf-ptr': {
    en: {
      title: 'SPF uses "ptr", which should not be published',
      explanation:
        'The ptr mechanism (and the %{p} macro) is slow, unreliable and heavy on DNS; RFC 7208 §5.5 says it should not be published, and some receivers ignore it, so the servers it was meant to allow may fail SPF.',
      fixAdmin: 'Replace ptr with ip4:/ip6: ranges or the include: your provider documents.',
    },
    ja: {
      title: 'SPF が推奨されない "ptr" を使っています',
      explanation:
        'ptr 機構（および %{p} マクロ）は遅く、不確実で、DNS に負担をかけます。RFC 7208 §5.5 は公開すべきでないとしており、無視する受信側もあるため、許可したつもりのサーバーが SPF に失敗することがあります。',
      fixAdmin: 'ptr を ip4:/ip6: の範囲、またはメールサービスが案内する include: に置き換えてください。',
    },
  },
  'dmarc-subdomain-none': {
    en: {
      title: 'DMARC leaves subdomains unprotected (sp=none)',
      explanation:
        'The domain itself has a quarantine or reject policy, but sp=none tells receivers to deliver forged mail from any subdomain (such as billing.<domain>) as usual.',
      fixAdmin: 'Remove sp= (subdomains then follow p=) or set it to quarantine or reject.',
    },
    ja: {
      title: 'DMARC がサブドメインを保護していません（sp=none）',
      explanation:
        'ドメイン本体には quarantine か reject のポリシーがありますが、sp=none のため、サブドメイン（billing.<ドメイン> など）を名乗る偽のメールは通常どおり配信されます。',
      fixAdmin:
        'sp= を削除する（サブドメインにも p= が適用されます）か、quarantine または reject にしてください。',
    },
  },
  'dmarc-rua-unauthorized': {
    en: {
      title: 'The DMARC report address in another domain has not agreed to receive reports',
      explanation:
        'When rua= points to another organisation’s domain, receivers first look for a TXT record "v=DMARC1" at <your domain>._report._dmarc.<report domain> (RFC 7489 §7.1). Without it, no aggregate reports are sent there.',
      fixAdmin:
        'Ask whoever runs the report domain (your report service) to publish the record named in the detail, or send reports to an address in your own domain.',
    },
    ja: {
      title: '別ドメインの DMARC レポート送信先が受け取りを承認していません',
      explanation:
        'rua= が別の組織のドメインを指す場合、受信側はまず <自ドメイン>._report._dmarc.<レポート先ドメイン> に "v=DMARC1" の TXT レコードがあるかを確認します（RFC 7489 §7.1）。これがないと、そこへは集計レポートが送られません。',
      fixAdmin:
        'レポート先ドメインの管理者（レポートサービス）に詳細に示したレコードの公開を依頼するか、自ドメインのアドレスを送信先にしてください。',
    },
  },
  'dmarc-tag-order': {
    en: {
      title: 'DMARC: p= is not the second tag',
      explanation:
        'RFC 7489’s grammar puts p= directly after v=DMARC1; strict receivers may reject the record otherwise. The DMARCbis revision only requires v= to come first, so receivers differ here.',
      fixAdmin: 'Write the record as "v=DMARC1; p=…; …" with p= second.',
    },
    ja: {
      title: 'DMARC: p= が 2 番目のタグではありません',
      explanation:
        'RFC 7489 の文法では p= は v=DMARC1 の直後に置きます。厳密な受信側はそれ以外を無効とすることがあります。改訂版の DMARCbis は v= が先頭であることだけを求めるため、受信側によって扱いが異なります。',
      fixAdmin: '"v=DMARC1; p=…; …" のように、p= を 2 番目に書いてください。',
    },
  },
  'mx-null-mixed': {
    en: {
      title: 'A null MX is published beside real MX records',
      explanation:
        'A null MX ("0 .") says the domain accepts no mail, and RFC 7505 forbids publishing it with other MX records. Senders may treat the domain as one that receives nothing and return your mail.',
      fixAdmin:
        'If the domain receives mail, delete the "0 ." record; if it does not, delete the other MX records.',
    },
    ja: {
      title: 'Null MX と通常の MX レコードが同時に公開されています',
      explanation:
        'Null MX（"0 ."）はメールを一切受け付けないという宣言で、RFC 7505 は他の MX レコードと併用することを禁じています。送信側がこのドメインを受信しないドメインとみなし、メールを返送することがあります。',
      fixAdmin:
        'メールを受信するドメインなら "0 ." のレコードを削除し、受信しないなら他の MX レコードを削除してください。',
    },
  },
  'mx-cname': {
    en: {
      title: 'An MX record points to an alias (CNAME)',
      explanation:
        'An MX host must be a name with its own address records, not a CNAME (RFC 2181 §10.3). Some mail servers refuse to deliver to it or treat it as an error.',
      fixAdmin: 'Point the MX record at the target of the alias named in the detail.',
    },
    ja: {
      title: 'MX レコードが別名（CNAME）を指しています',
      explanation:
        'MX ホストは CNAME ではなく、自身のアドレスレコードを持つ名前でなければなりません（RFC 2181 §10.3）。配送を拒否したりエラーとして扱ったりするメールサーバーもあります。',
      fixAdmin: 'MX レコードを、詳細に示した別名の参照先に直接向けてください。',
    },
  },
};
