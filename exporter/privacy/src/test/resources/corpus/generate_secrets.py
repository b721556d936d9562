import random, base64, json, zlib, string
r = random.Random(14)
A = string.ascii_letters + string.digits
def rs(n, alpha=A): return ''.join(r.choice(alpha) for _ in range(n))
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
def gh_checksum(body):
    v = zlib.crc32(body.encode()) & 0xffffffff
    out = ''
    for _ in range(6):
        out = B62[v % 62] + out; v //= 62
    return out
def b64u(b): return base64.urlsafe_b64encode(b).decode().rstrip('=')
def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix] + [r.randrange(10) for _ in range(length - len(prefix) - 1)]
    for check in range(10):
        d = digits + [check]; s = 0
        for i, x in enumerate(reversed(d)):
            if i % 2 == 1:
                x *= 2
                if x > 9: x -= 9
            s += x
        if s % 10 == 0: return ''.join(map(str, d))
def iban(country, bban):
    rearr = bban + country + '00'
    num = ''.join(str(int(c, 36)) for c in rearr)
    check = 98 - int(num) % 97
    return country + '%02d' % check + bban
rows = []
def add(kind, value, key='-'): rows.append({'kind': kind, 'key': key, 'value': value})
for i in range(8):
    body = rs(60)
    add('pem_private_key', '-----BEGIN %sPRIVATE KEY-----\n%s\n%s\n-----END %sPRIVATE KEY-----' % (['', 'RSA ', 'EC ', 'OPENSSH '][i % 4], rs(64, A + '+/'), rs(40, A + '+/'), ['', 'RSA ', 'EC ', 'OPENSSH '][i % 4]))
    hdr = b64u(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())
    pl = b64u(json.dumps({'sub': 'user-%d' % r.randrange(10**6), 'iat': 1764000000 + i}).encode())
    add('jwt', '%s.%s.%s' % (hdr, pl, b64u(bytes(r.randrange(256) for _ in range(32)))))
    add('bearer_token', 'Bearer ' + rs(32, A + '-._~'))
    add('basic_credentials', 'Basic ' + base64.b64encode(('user%d:%s' % (i, rs(12))).encode()).decode())
    add('url_credentials', ['postgres', 'https', 'mongodb', 'redis'][i % 4] + '://app%d:%s@db%d.internal.example:5432/orders' % (i, rs(10), i))
    add('aws_access_key_id', r.choice(['AKIA', 'ASIA']) + rs(16, string.ascii_uppercase + '234567'))
    add('aws_secret_access_key', rs(40, A + '+/'))
    gbody = rs(30)
    add('github_token', r.choice(['ghp_', 'gho_', 'ghs_', 'ghu_']) + gbody + gh_checksum(gbody))
    add('slack_token', r.choice(['xoxb-', 'xoxp-']) + '%d-%d-%s' % (r.randrange(10**11, 10**12), r.randrange(10**12, 10**13), rs(24)) if i < 6 else 'https://hooks.slack.com/services/T%s/B%s/%s' % (rs(8, string.ascii_uppercase + string.digits), rs(8, string.ascii_uppercase + string.digits), rs(24)))
    add('stripe_key', r.choice(['sk_live_', 'rk_live_', 'sk_test_']) + rs(24))
    add('google_api_key', 'AIza' + rs(35, A + '-_'))
    add('email', '%s.%s%d@%s' % (r.choice(['alice', 'bob', 'carol', 'dave']), r.choice(['smith', 'jones', 'ng']), i, r.choice(['example.com', 'corp.example.org', 'mail.example.co.uk'])))
    area = r.choice([x for x in range(1, 900) if x != 666])
    add('us_ssn', '%03d-%02d-%04d' % (area, r.randrange(1, 100), r.randrange(1, 10000)))
    card = luhn_complete(['4', '51', '55', '6011', '37', '4', '52', '6011'][i], 15 if i == 4 else 16)
    if i % 3 == 1: card = ' '.join(card[j:j + 4] for j in range(0, len(card), 4))
    if i % 3 == 2: card = '-'.join(card[j:j + 4] for j in range(0, len(card), 4))
    add('payment_card', card)
    country, bban = [('DE', '%018d' % r.randrange(10**17, 10**18)), ('GB', 'WEST' + '%014d' % r.randrange(10**13, 10**14)),
                     ('FR', '%023d' % r.randrange(10**22, 10**23)), ('NL', 'ABNA' + '%010d' % r.randrange(10**9, 10**10))][i % 4]
    ib = iban(country, bban)
    if i % 2: ib = ' '.join(ib[j:j + 4] for j in range(0, len(ib), 4))
    add('iban', ib)
    add('phone_number', ['+1 415 555 %04d' % r.randrange(10000), '+44 20 7946 %04d' % r.randrange(10000), '(212) 555-%04d' % r.randrange(10000),
                         '+49 30 %07d' % r.randrange(10**6, 10**7), '+33 1 42 68 %02d %02d' % (r.randrange(100), r.randrange(100)),
                         '415-555-%04d' % r.randrange(10000), '+81 3-1234-%04d' % r.randrange(10000), '+14155552%03d' % r.randrange(1000)][i])
    tok = rs(32)
    while not (any(c.isdigit() for c in tok) and any(c.islower() for c in tok) and any(c.isupper() for c in tok)): tok = rs(32)
    add('high_entropy_token', tok)
    add('sensitive_key', ['hunter2', 'letmein', 'Summer2026!', 'changeme', '8675', 'opensesame', 'tr0ub4dor', 'qwerty'][i],
        ['password', 'db_passwd', 'X-Api-Key', 'clientSecret', 'pin', 'Authorization', 'session_token', 'privateKey'][i])
# embed half of the value secrets in a sentence
for k, row in enumerate(rows):
    if row['key'] == '-' and k % 2 == 1 and row['kind'] != 'pem_private_key':
        row['text'] = 'please use %s for the nightly job' % row['value']
with open('secrets.jsonl', 'w') as f:
    for row in rows: f.write(json.dumps(row) + '\n')
print(len(rows), len(set(x['kind'] for x in rows)))
