"""A real SMTP server on 127.0.0.1 for the send tests: every message received is written to OUT as N.eml (its
envelope recipients in N.rcpt), and the port it chose is written to PORTFILE once it is listening."""
import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP

out, portfile = sys.argv[1], sys.argv[2]


class Handler:
    async def handle_DATA(self, server, session, envelope):
        n = len([f for f in os.listdir(out) if f.endswith(".eml")])
        with open(os.path.join(out, f"{n}.rcpt"), "w") as f:
            f.write("\n".join(envelope.rcpt_tos))
        tmp = os.path.join(out, f"{n}.part")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(out, f"{n}.eml"))
        return "250 OK"


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Handler(), decode_data=False), "127.0.0.1", 0)
    with open(portfile + ".part", "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    os.rename(portfile + ".part", portfile)
    await server.serve_forever()


asyncio.run(main())
