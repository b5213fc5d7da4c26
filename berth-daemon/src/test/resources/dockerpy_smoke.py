# docker-py (Debian's python3-docker) against berthd: the calls a Python user makes every day.
import os, sys
import docker

c = docker.DockerClient(base_url=os.environ["BERTH_HOST"], version="auto")
assert c.ping()
out = c.containers.run("busybox", ["sh", "-c", "echo hello; echo err >&2"], remove=True, stderr=True)
assert b"hello" in out, out
ctr = c.containers.run("busybox", ["sh", "-c", "echo ready; sleep 300"], detach=True, name="py1", labels={"k": "v"})
ctr.reload()
assert ctr.status == "running", ctr.status
assert any(x.name == "py1" for x in c.containers.list(filters={"label": ["k=v"]}))
code, output = ctr.exec_run(["sh", "-c", "echo in-exec; exit 3"])
assert code == 3 and output == b"in-exec\n", (code, output)
assert b"ready" in ctr.logs()
ctr.stop(timeout=1)
ctr.reload()
assert ctr.status == "exited", ctr.status
ctr.remove()
imgs = [t for i in c.images.list() for t in i.tags]
assert "busybox:latest" in imgs, imgs
print("docker-py ok")
