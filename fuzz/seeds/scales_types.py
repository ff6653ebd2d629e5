# Seed inputs of the `scales_types` fuzz target: a selector byte, then text.
import os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
S10 = '{"min":0,"max":10}'
S5 = '{"min":1,"max":5,"step":1}'
seeds = [
    (0, '\x007'), (0, '\x01 4,0'), (1, '\x05100'), (1, '\x06-1000000'), (0, '\x04+3.'),
    (2, 'agree'), (2, 'very happy'), (2, ' Strongly DISAGREE'),
    (3, S10), (3, '{"min":-1000000,"max":1000000,"step":2000}'),
    (4, '{"scale":%s,"value":9}' % S10),
    (5, '{"scale":%s,"lo":9,"hi":10,"name":"promoters"}' % S10),
    (6, '{"scale":%s,"lo":{"numer":17,"denom":2},"hi":{"numer":10,"denom":1}}' % S10),
    (7, '{"scale":%s,"bands":[{"scale":%s,"lo":0,"hi":6,"name":"d"},{"scale":%s,"lo":7,"hi":8},{"scale":%s,"lo":9,"hi":10,"name":"p"}]}' % (S10, S10, S10, S10)),
    (8, '0.25'), (8, '1'), (9, '{"numer":-7,"denom":3}'),
    (10, '[{"scale":%s,"counts":[1,2,3,4,5]},{"scale":%s,"counts":[0,0,0,0,18446744073709551615]}]' % (S5, S5)),
    (10, '[{"scale":%s,"counts":[1,0,0,0,0,0,0,0,0,2,3]}]' % S10),
    (11, '{"scale":%s,"percents":[10,20,30,20,20],"respondents":10}' % S5),
    (12, '{"scale":{"min":1,"max":3},"labels":["sad","ok","happy"]}'),
    (13, '{"name":"CSAT","band":{"scale":%s,"lo":4,"hi":5},"goal":"at_least","target":0.85}' % S5),
    (14, '{"from":%s,"to":%s,"method":"endpoints"}' % (S5, S10)),
    (14, '{"from":%s,"to":{"min":-1000000,"max":1000000,"step":2000},"method":"point_shares"}' % S5),
    (15, '{"min":-5,"max":995}'),
]
for i, (sel, text) in enumerate(seeds):
    with open(os.path.join(out, 'seed-%02d' % i), 'wb') as f:
        f.write(bytes([sel]) + text.encode())
