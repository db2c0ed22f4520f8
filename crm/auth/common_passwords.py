"""Passwords too common to allow: the most frequent ones in public breach lists, lower case,
plus the obvious words of this domain. A password is refused when its lower case is here."""

COMMON = frozenset("""
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball
abc123 football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang
1234567890 michael 654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer
trustno1 jordan jennifer zxcvbnm asdfgh hunter buster soccer harley batman andrew tigger
sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars klaster 112233
george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777
pass maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole
chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor matrix
minecraft william corvette hello martin heather secret merlin diamond 1234qwer gfhjkm
hammer silver 222222 88888888 anthony justin test bailey q1w2e3r4t5 patrick internet
scooter orange 11111 golfer cookie richard samantha bigdog guitar jackson whatever
mickey chicken sparky snoopy maverick phoenix camaro peanut morgan welcome falcon cowboy
ferrari samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa
boomer booboo spider nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo
bulldog qwer1234 compaq purple hardcore banana junior hannah 123654 porsche lakers
iceman money cowboys 987654 london tennis 999999 ncc1701 coffee scooby 0000 miller boston
q1w2e3r4 fuckoff brandon yamaha chester mother forever johnny edward 333333 oliver redsox
player nikita knight fender barney midnight please brandy chicago badboy slayer rangers
charles angel flower bigdaddy rabbit wizard bigdick jasper enter rachel chris steven
winner adidas victoria natasha 1q2w3e4r jasmine winter prince panties marine ghbdtn
fishing cocacola casper james 232323 raiders 888888 marlboro gandalf asdfasdf crystal
87654321 12344321 golden 8675309 admin admin123 administrator passw0rd password1
password123 p@ssw0rd welcome1 changeme letmein1 qwerty123 abc12345 iloveyou1 aa123456
a123456 5201314 woaini 1314520 woaini1314 zhang123 wang123 li123456 qq123456 123456a
a1234567 1qaz2wsx3edc demo demo1234 crm12345 jiaxing zhejiang china123 test1234
testtest guest guest123 root root1234 user1234 password12 qwerty12 asdf1234 zaq12wsx
""".split())


def is_common(password: str, username: str = "") -> bool:
    lowered = password.lower()
    if lowered in COMMON:
        return True
    if username and username.lower() in lowered:
        rest = lowered.replace(username.lower(), "")
        if not any(c.isalpha() for c in rest):  # the user name plus digits or symbols
            return True
    # one character repeated, or a run of one keyboard row
    return len(set(lowered)) <= 2
