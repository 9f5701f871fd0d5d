-- Terms of use as versioned documents: articles, change notice, publication. The texts below are demo texts
-- written for Madoguchi from the facts of the offices' terms; they are not the offices' official wording.

ALTER TABLE terms_version ADD COLUMN title VARCHAR(200);
ALTER TABLE terms_version ADD COLUMN change_notice TEXT;
ALTER TABLE terms_version ADD COLUMN previous_id VARCHAR(60) REFERENCES terms_version (id);
ALTER TABLE terms_version ADD COLUMN published_at TIMESTAMPTZ;
ALTER TABLE terms_version ADD COLUMN issuer VARCHAR(100);

CREATE TABLE terms_article (
    version_id  VARCHAR(60)   NOT NULL REFERENCES terms_version (id) ON DELETE CASCADE,
    ordinal     SMALLINT      NOT NULL,      -- article number × 10 + branch: 6の2 is 62, between 6 and 7
    number      VARCHAR(20)   NOT NULL,      -- as printed: 1, 6, 6の2
    heading     VARCHAR(100)  NOT NULL,
    body        TEXT          NOT NULL,
    PRIMARY KEY (version_id, ordinal),
    UNIQUE (version_id, number)
);

UPDATE terms_version SET title = 'オンライン職業相談等利用規約（ハローワーク加賀）', issuer = '加賀公共職業安定所長',
    published_at = TIMESTAMPTZ '2022-12-12 09:00+09' WHERE id = 'kaga-2022-12-12';
UPDATE terms_version SET title = 'オンライン職業相談等利用規約（ハローワーク加賀）', issuer = '加賀公共職業安定所長',
    published_at = TIMESTAMPTZ '2023-06-15 09:00+09', previous_id = 'kaga-2022-12-12',
    change_notice = '令和5年6月15日から、事前に同意の記録がある方を対象とする臨時的利用（即時利用）の条項（第6条の2）を加え、予約型利用の規定を求職者向けとして整理しました。'
    WHERE id = 'kaga-2023-06-15';
UPDATE terms_version SET title = 'オンライン職業相談等利用規約（ハローワーク可部）', issuer = '可部公共職業安定所長',
    published_at = TIMESTAMPTZ '2024-02-22 09:00+09' WHERE id = 'kabe-2024-02-22';

-- Articles every version shares, then each office's own.
CREATE TEMPORARY TABLE common_article (ordinal SMALLINT, number VARCHAR(20), heading VARCHAR(100), body TEXT);
INSERT INTO common_article VALUES
 (10, '1', '目的', 'この規約は、{office}が職業相談の方法の一つとして行うオンラインでの職業相談、職業紹介、面接等（以下「オンライン相談」）の利用条件を定めます。'),
 (30, '3', '利用料', 'オンライン相談は無料です。利用に必要な端末や通信の費用は、利用する方（以下「利用者」）の負担となります。'),
 (40, '4', '使用するアプリ', 'オンライン相談には TeleOffice を使います。利用者は TeleOffice の利用規約にも従うものとし、オンライン相談を申し込んで利用した場合は、その規約にも同意したものとして扱います。'),
 (50, '5', '利用環境', '利用者は、ウイルス等に感染していない安全な端末を使い、サポート期間中のOSに最新の修正を適用し、ファイアウォールとウイルス対策ソフトを有効にしてください。ファイル共有ソフトのある端末や、安全性の確認できない無料の公衆回線は使わないでください。'),
 (70, '7', '利用の記録', '{office}は、運用管理と利便性の向上のため、利用時間帯、アクセスの履歴、利用者の端末の識別情報を記録することがあります。これらを個々の端末が特定できる形で公表することはありません。ただし、法令に基づき官公庁や捜査機関から求められた場合を除きます。'),
 (80, '8', '個人情報の保護', '利用者の個人情報は、窓口での相談と同じく、職業安定法第5条の4に基づいて保護されます。利用者も、第12条に定める環境を整えて秘密の保持に努めてください。'),
 (90, '9', '免責', '利用者の端末、回線、ソフトウェア、利用場所など利用者側の環境に起因する損害や、通常の対策では防げないサイバー攻撃、災害、停電など{office}の責任によらない損害について、{office}は責任を負いません。'),
 (100, '10', '損害賠償', '利用者がこの規約に違反して{office}に損害を与えた場合、その損害は利用者の負担とします。'),
 (110, '11', '法令の遵守', '利用者は、この規約のほか、関係する法令、条例、規則等を守ってください。'),
 (120, '12', '留意事項', '脅迫や暴言、就職以外を目的とする利用など、適正な相談の妨げとなる場合は、相談を中止し、または利用をお断りすることがあります。相談の録画・録音は方法を問わず禁止です。相談は個室など周りに人のいない場所で受けてください。通訳者や介助者が同席する場合は、事前にお知らせください。事前にアプリを使える状態にし、通信環境を確認してください。'),
 (130, '13', '規約の変更', '{office}は、変更が利用者の一般の利益に適合する場合、または規約の目的に反せず合理的な場合に、利用者の承諾なくこの規約を変更することがあります。その場合は、変更すること、変更後の内容、効力が生じる時期をお知らせします。');

-- Kaga, 2022-12-12: reservation-type use for seekers and employers.
INSERT INTO terms_article (version_id, ordinal, number, heading, body)
SELECT 'kaga-2022-12-12', ordinal, number, heading, replace(body, '{office}', 'ハローワーク加賀') FROM common_article;
INSERT INTO terms_article (version_id, ordinal, number, heading, body) VALUES
 ('kaga-2022-12-12', 20, '2', '対象者', 'ハローワーク加賀に求職登録をしている方または登録しようとする方、ハローワーク加賀に求人を出している事業所の人事担当者で、WEBカメラで通信できる端末と必要な環境を用意できる方が利用できます。'),
 ('kaga-2022-12-12', 60, '6', '利用の申込み', '1回の相談は最大30分です。相談日の2営業日前までに予約が確定した方が利用できます。申込みには、氏名、求職番号、希望日時、連絡先メールアドレス、求職情報に登録した電話番号が必要です。ハローワーク加賀が日程を調整し、実施日時とURLをお知らせします。申込みから2営業日以内に返信がないときは、お電話でご確認ください。キャンセルは電話またはメールで、当日のキャンセルは電話でのみ受け付けます。連絡のないまま開始時刻から10分が過ぎたときはキャンセルとみなし、以後の利用をお断りすることがあります。'),
 ('kaga-2022-12-12', 140, '14', '準拠法と裁判管轄', 'この規約には日本法を適用します。オンライン相談に関する紛争は、金沢地方裁判所を第一審の専属的合意管轄裁判所とします。');

-- Kaga, 2023-06-15: adds ad-hoc use (6の2) and re-consent on revision before a booked session.
INSERT INTO terms_article (version_id, ordinal, number, heading, body)
SELECT 'kaga-2023-06-15', ordinal, number, heading, replace(body, '{office}', 'ハローワーク加賀') FROM common_article;
INSERT INTO terms_article (version_id, ordinal, number, heading, body) VALUES
 ('kaga-2023-06-15', 20, '2', '対象者', 'ハローワーク加賀に求職登録をしている方（オンライン登録の方はハローワーク利用登録に切り替わります）または登録しようとする方、ハローワーク加賀に求人を出している事業所の人事担当者で、WEBカメラで通信できる端末と必要な環境を用意できる方が利用できます。'),
 ('kaga-2023-06-15', 60, '6', '予約型の利用（求職者）', '1回の相談は最大30分です。相談日の2営業日前までに予約が確定した方が利用できます。申込みには、氏名、求職番号、希望日時、連絡先メールアドレス、求職情報に登録した電話番号が必要です。2回目以降の予約は相談の中でも申し込めます。ハローワーク加賀が日程を調整し、実施日時とURLをお知らせします。申込みから2営業日以内に返信がないときは、お電話でご確認ください。申込みから相談日までに規約が変わったときはメールでお知らせします。そのメールへの返信をもって新しい規約に同意したものとし、予約が確定します。返信がないときは申込みは無効になります。相談の中で次回の日時が決まったときは、その時点で予約が確定し、後日、電話でアクセスコードを、またはメールでURLをお知らせします。キャンセルは電話またはメールで、当日のキャンセルは電話でのみ受け付けます。連絡のないまま開始時刻から10分が過ぎたときはキャンセルとみなし、以後の利用をお断りすることがあります。'),
 ('kaga-2023-06-15', 62, '6の2', '臨時的な利用（求職者・求人者）', '事前にこの規約に同意し、その記録がある方は、ハローワークと利用者の都合が合えば、最大30分の相談をすぐに利用できます。同意したときから規約が変わっている場合は、最新の規約を確認し同意していただいたうえで実施します。アクセスコードは、求職者マイページ・求人者マイページ、または登録済みの電話番号への折り返し電話でお伝えします。本人確認のため、申込みと同時の電話番号の変更は受け付けません。'),
 ('kaga-2023-06-15', 140, '14', '準拠法と裁判管轄', 'この規約には日本法を適用します。オンライン相談に関する紛争は、金沢地方裁判所を第一審の専属的合意管轄裁判所とします。');

-- Kabe, 2024-02-22: continued consultation with the individual-support counselor.
INSERT INTO terms_article (version_id, ordinal, number, heading, body)
SELECT 'kabe-2024-02-22', ordinal, number, heading, replace(body, '{office}', 'ハローワーク可部') FROM common_article;
INSERT INTO terms_article (version_id, ordinal, number, heading, body) VALUES
 ('kabe-2024-02-22', 20, '2', '対象者', 'ハローワーク可部に求職登録を済ませ、個別支援担当職員による継続的な相談を希望する方で、WEBカメラで通信できる端末と必要な環境を用意でき、この規約に同意した方が利用できます。'),
 ('kabe-2024-02-22', 60, '6', '利用の申込み', '1回の相談は30分で、原則として水曜日14時から16時、金曜日10時から12時の各30分です。前日までに予約が確定した方が利用できます。専用のメールアドレスに、氏名、求職番号、希望日時、連絡先メールアドレス、連絡先電話番号をお送りください。申し込んだ時点でこの規約に同意したものとみなします。実施日時とURLを記載した招待メールをお送りします。前日までに返信がないときは、お電話でご確認ください。2回目以降の予約は相談の中でも申し込め、その場で確定します。キャンセルは電話で受け付けます。連絡のないまま開始時刻から10分が過ぎたときはキャンセルとみなし、以後の利用をお断りすることがあります。'),
 ('kabe-2024-02-22', 140, '14', '準拠法と裁判管轄', 'この規約には日本法を適用します。オンライン相談に関する紛争は、広島地方裁判所を第一審の専属的合意管轄裁判所とします。');

-- When a published version was announced (TermsRevised); the seeded ones are announced at first start.
ALTER TABLE terms_version ADD COLUMN announced_at TIMESTAMPTZ;

CREATE TABLE reconsent_request (
    id                UUID          PRIMARY KEY,
    user_id           VARCHAR(100)  NOT NULL,
    office_id         VARCHAR(40)   NOT NULL,
    terms_version_id  VARCHAR(60)   NOT NULL REFERENCES terms_version (id),
    reservation_id    UUID          NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    expires_at        TIMESTAMPTZ   NOT NULL,
    answered_at       TIMESTAMPTZ,
    UNIQUE (reservation_id, terms_version_id)
);

ALTER TABLE consent_record ADD COLUMN channel VARCHAR(20);          -- MYPAGE, EMAIL_LINK, APPLICATION
ALTER TABLE consent_record ADD COLUMN device_pseudonym VARCHAR(64); -- HMAC of the device identifier, never the raw one
