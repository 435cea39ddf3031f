"""Reads one received message the way a mail program would and prints To, Subject, charset, then the body."""
import email
import sys
from email import policy

with open(sys.argv[1], "rb") as f:
    m = email.message_from_binary_file(f, policy=policy.default)
print(m["To"])
print(m["Subject"])
print(m.get_content_charset())
print(m["Content-Transfer-Encoding"])
print(m.get_content(), end="")
