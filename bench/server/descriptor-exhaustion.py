#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Descriptor exhaustion by hand (issue 15 #3): starts tests/http/HttpExhaustionServer with RLIMIT_NOFILE 64/64, opens 100
# silent connections, reports the server CPU time over 3 s (an accept spin shows as ~3 s) and whether a new client
# is served. Usage: bench/server/descriptor-exhaustion.py build/tests/http/HttpExhaustionServer
import os, socket, subprocess, sys, time
exe=sys.argv[1]
p=subprocess.Popen([exe,'64','64'],stdin=subprocess.PIPE,stdout=subprocess.PIPE)
line=p.stdout.readline().split(); port=int(line[1])
socks=[]
for i in range(100):
    s=socket.create_connection(('127.0.0.1',port)); socks.append(s)
def cpu():
    f=open('/proc/%d/stat'%p.pid).read().split(')')[1].split()
    return (int(f[11])+int(f[12]))/os.sysconf('SC_CLK_TCK')
time.sleep(0.5); c0=cpu(); t0=time.time(); time.sleep(3); c1=cpu(); t1=time.time()
# can a new client be served?
ok=False; t2=time.time()
try:
    s=socket.create_connection(('127.0.0.1',port),timeout=5); s.sendall(b'GET / HTTP/1.1\r\nHost: x\r\n\r\n'); s.settimeout(5); d=s.recv(100); ok=d.startswith(b'HTTP/1.1 200')
except Exception as e: d=str(e).encode()
print('cpu %.2f s in %.1f s wall; new client: %s after %.2f s (%r)'%(c1-c0,t1-t0,ok,time.time()-t2,d[:30]))
p.stdin.close(); p.kill()
