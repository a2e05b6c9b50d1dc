# A real-peer NTLM client for SambaGensecClientIT: Samba's own gensec (the code smbclient runs),
# driven line by line. argv: mech ("spnego" or "ntlmssp"), user, password, domain.
# stdin: one hex server token per line ("-" for none). stdout: "<finished 0|1> <hex token>" per
# update, then "KEY <hex session key>" once finished, or "ERROR <text>" when gensec refuses.
import sys
from samba import gensec, credentials
from samba.param import LoadParm

mech, user, password, domain = sys.argv[1:5]
lp = LoadParm()
lp.load("/dev/null")
creds = credentials.Credentials()
creds.guess(lp)
creds.set_username(user)
creds.set_password(password)
creds.set_domain(domain)
creds.set_workstation("SAMBACLIENT")
creds.set_kerberos_state(credentials.DONT_USE_KERBEROS)
client = gensec.Security.start_client({"lp_ctx": lp, "target_hostname": "haven"})
client.set_credentials(creds)
client.want_feature(gensec.FEATURE_SESSION_KEY)
client.want_feature(gensec.FEATURE_SIGN)
client.start_mech_by_name(mech)
for line in sys.stdin:
    line = line.strip()
    token = b"" if line == "-" else bytes.fromhex(line)
    try:
        finished, out = client.update(token)
    except Exception as e:
        print("ERROR", e, flush=True)
        break
    print(1 if finished else 0, bytes(out).hex() or "-", flush=True)
    if finished:
        print("KEY", bytes(client.session_key()).hex(), flush=True)
        break
