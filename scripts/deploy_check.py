#!/usr/bin/env python3
"""Checks of the deploy/ files that need more than a schema (used by scripts/check-deploy).

    deploy_check.py containerfile deploy/Containerfile
    deploy_check.py compose RENDERED.json deploy/compose.yaml
    deploy_check.py kubernetes deploy/kubernetes
    deploy_check.py healthcheck deploy/Containerfile   (prints the HEALTHCHECK's bash script)
    deploy_check.py sandbox UNIT BINARY -- ARGS...   (system python3 with python3-seccomp)

Each prints what it found wrong and exits 1, or prints one line and exits 0.
"""
import json
import os
import re
import subprocess
import sys

problems = []


def problem(text):
    problems.append(text)


def finish(ok_line):
    if problems:
        for text in problems:
            print(f"  FAIL {text}")
        sys.exit(1)
    print(f"  ok   {ok_line}")


# ---- Containerfile --------------------------------------------------------------------------------

INSTRUCTIONS = {
    "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
    "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
}


def containerfile_instructions(text):
    """(line number, INSTRUCTION, arguments) with continuations joined and comments dropped."""
    result, pending, start = [], "", 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        pending += stripped
        word, _, rest = pending.partition(" ")
        result.append((start, word.upper(), rest.strip()))
        pending = ""
    if pending:
        problem(f"line {start}: the file ends inside a continued instruction")
    return result


def exec_form(number, word, args):
    try:
        value = json.loads(args)
    except json.JSONDecodeError as error:
        problem(f"line {number}: {word} is not a JSON array ({error})")
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problem(f"line {number}: {word} must be a JSON array of strings")
        return None
    return value


def check_containerfile(path):
    instructions = containerfile_instructions(open(path, encoding="utf-8").read())
    stages, current = [], None
    for number, word, args in instructions:
        if word not in INSTRUCTIONS:
            problem(f"line {number}: unknown instruction {word}")
            continue
        if word == "FROM":
            match = re.fullmatch(r"(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", args, re.IGNORECASE)
            if not match:
                problem(f"line {number}: FROM '{args}' is not 'FROM image [AS name]'")
                continue
            current = {"image": match.group(1), "name": (match.group(2) or "").lower(), "lines": []}
            stages.append(current)
            continue
        if current is None and word != "ARG":
            problem(f"line {number}: {word} before the first FROM")
            continue
        if current is not None:
            current["lines"].append((number, word, args))
        if word in ("ENTRYPOINT", "CMD", "SHELL") or (word == "HEALTHCHECK" and "CMD [" in args):
            exec_form(number, word, args if word != "HEALTHCHECK" else args[args.index("CMD [") + 4:])
    if len(stages) < 2:
        problem("not a multi-stage build (fewer than two FROM)")
        return finish("")
    build, run = stages[0], stages[-1]
    if build["name"] != "build":
        problem("the first stage is not named 'build' (FROM ... AS build)")
    if "SWIFT_IMAGE" not in build["image"] and not build["image"].startswith("swift:"):
        problem(f"the build stage does not start from the Swift image ({build['image']})")
    runs = " ".join(args for _, word, args in build["lines"] if word == "RUN")
    for needed in ("swift build", "-c release", "--static-swift-stdlib", "--product opinion-ledger"):
        if needed not in runs:
            problem(f"the build stage never runs '{needed}'")
    run_lines = run["lines"]
    if not any(word == "COPY" and "--from=build" in args for _, word, args in run_lines):
        problem("the final stage copies nothing --from=build")
    if any(word == "COPY" and "--from" not in args for _, word, args in run_lines):
        problem("the final stage copies files from the build context (only the built binary belongs there)")
    users = [args for _, word, args in run_lines if word == "USER"]
    if not users:
        problem("the final stage has no USER: it would run as root")
    elif users[-1].split(":")[0] in ("root", "0"):
        problem(f"the final stage runs as root (USER {users[-1]})")
    if not any(word == "RUN" and re.search(r"useradd .*--uid \d+", args) for _, word, args in run_lines):
        problem("the final stage creates no user with a fixed uid (useradd --uid N)")
    if not any(word == "EXPOSE" and "8080" in args.split() for _, word, args in run_lines):
        problem("the final stage does not EXPOSE 8080")
    entry = [args for _, word, args in run_lines if word == "ENTRYPOINT"]
    if not entry or json.loads(entry[-1]) != ["opinion-ledger"]:
        problem('ENTRYPOINT is not ["opinion-ledger"]')
    cmd = [args for _, word, args in run_lines if word == "CMD"]
    if not cmd or json.loads(cmd[-1]) != ["serve"]:
        problem('CMD is not ["serve"]')
    finish(f"{path}: {len(instructions)} instructions in {len(stages)} stages, runs as USER {users[-1] if users else '?'}")


# ---- compose ----------------------------------------------------------------------------------------

def check_compose(rendered_path, source_path):
    model = json.load(open(rendered_path, encoding="utf-8"))
    services = model.get("services", {})
    for name in ("postgres", "migrate", "serve"):
        if name not in services:
            problem(f"no service '{name}'")
    if problems:
        return finish("")
    postgres, migrate, serve = services["postgres"], services["migrate"], services["serve"]
    if not str(postgres.get("image", "")).startswith("postgres:15"):
        problem(f"postgres is not PostgreSQL 15 ({postgres.get('image')})")
    if "pg_isready" not in " ".join(postgres.get("healthcheck", {}).get("test", [])):
        problem("postgres has no pg_isready healthcheck")
    if not any(v.get("target") == "/var/lib/postgresql/data" and v.get("type") == "volume"
               for v in postgres.get("volumes", [])):
        problem("postgres keeps its data in no named volume")
    if migrate.get("command") != ["migrate"]:
        problem(f"migrate does not run 'migrate' ({migrate.get('command')})")
    if migrate.get("depends_on", {}).get("postgres", {}).get("condition") != "service_healthy":
        problem("migrate does not wait for postgres to be healthy")
    if serve.get("command") != ["serve"]:
        problem(f"serve does not run 'serve' ({serve.get('command')})")
    if serve.get("deploy", {}).get("replicas") != 2:
        problem("serve does not run two replicas")
    if serve.get("depends_on", {}).get("migrate", {}).get("condition") != "service_completed_successfully":
        problem("serve does not wait for migrate to complete successfully")
    secrets = [s.get("source") for s in serve.get("secrets", [])]
    if "signing_key" not in secrets:
        problem("serve is not given the signing_key secret")
    environment = serve.get("environment", {})
    if environment.get("LEDGER_SIGNING_KEY_FILE") != "/run/secrets/signing_key":
        problem("serve's LEDGER_SIGNING_KEY_FILE is not the secret's file /run/secrets/signing_key")
    if environment.get("HOST") != "0.0.0.0":
        problem("serve listens on loopback only inside its container (HOST is not 0.0.0.0)")
    for name, service in services.items():
        if name != "postgres" and "LEDGER_SIGNING_KEY" in service.get("environment", {}):
            problem(f"{name} carries the signing key itself in its environment")
    key_file = model.get("secrets", {}).get("signing_key", {}).get("file", "")
    if not key_file:
        problem("the signing_key secret is not read from a file")
    else:
        root = os.path.dirname(os.path.dirname(os.path.abspath(source_path)))
        relative = os.path.relpath(key_file, root)
        ignored = subprocess.run(["git", "-C", root, "check-ignore", "-q", relative]).returncode == 0
        if not ignored:
            problem(f"the signing key file {relative} is not git-ignored")
    source = open(source_path, encoding="utf-8").read()
    for match in re.finditer(r"(?m)^[\s-]*([A-Z_]*(PASSWORD|SECRET|SIGNING_KEY)[A-Z_]*)\s*[:=]\s*(\S.*)$", source):
        if not match.group(3).startswith("${") and match.group(1) != "LEDGER_SIGNING_KEY_FILE":
            problem(f"{match.group(1)} is written into compose.yaml ({match.group(3)}) instead of coming from the environment")
    finish(f"{source_path}: services {', '.join(sorted(services))}; serve x{serve['deploy']['replicas']} after migrate")


# ---- Kubernetes -----------------------------------------------------------------------------------

def check_kubernetes(directory):
    import yaml  # the project's venv has PyYAML

    documents = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".yaml"):
            for document in yaml.safe_load_all(open(os.path.join(directory, name), encoding="utf-8")):
                if document:
                    documents[document["kind"]] = document
    for kind in ("Deployment", "Service", "Job", "Secret", "Cluster"):
        if kind not in documents:
            problem(f"no {kind} manifest")
    if problems:
        return finish("")
    deployment, job, secret, cluster = (documents[k] for k in ("Deployment", "Job", "Secret", "Cluster"))
    if deployment["spec"].get("replicas") != 2:
        problem("the Deployment does not run 2 replicas")
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    if container.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/health/live":
        problem("the liveness probe is not GET /health/live")
    if container.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/health/ready":
        problem("the readiness probe is not GET /health/ready")
    for part in ("requests", "limits"):
        if not container.get("resources", {}).get(part):
            problem(f"the server container has no resource {part}")
    for kind, spec in (("Deployment", pod), ("Job", job["spec"]["template"]["spec"])):
        if spec.get("securityContext", {}).get("runAsNonRoot") is not True:
            problem(f"the {kind}'s pod does not set runAsNonRoot")
        for c in spec["containers"]:
            if c.get("securityContext", {}).get("readOnlyRootFilesystem") is not True:
                problem(f"the {kind}'s container {c['name']} has a writable root file system")
    if job["spec"]["template"]["spec"]["containers"][0].get("args") != ["migrate"]:
        problem("the Job does not run 'migrate'")
    for key, value in (secret.get("stringData") or {}).items():
        if value:
            problem(f"the Secret template holds a value for {key}: templates carry no secrets")
    if secret.get("data"):
        problem("the Secret template has data: templates carry no secrets")
    app_secret = f"{cluster['metadata']['name']}-app"
    for kind, spec in (("Deployment", pod), ("Job", job["spec"]["template"]["spec"])):
        env = {e["name"]: e for e in spec["containers"][0].get("env", [])}
        refs = {e.get("valueFrom", {}).get("secretKeyRef", {}).get("name") for e in env.values()}
        if app_secret not in refs:
            problem(f"the {kind} does not read the database credentials from {app_secret}")
        if "DATABASE_URL" not in env:
            problem(f"the {kind} sets no DATABASE_URL")
    if cluster["spec"]["instances"] < 2:
        problem("the database Cluster has no replica (instances < 2)")
    finish(f"{directory}: Deployment x{deployment['spec']['replicas']}, Job, Service, Secret template, "
           f"Cluster {cluster['metadata']['name']} x{cluster['spec']['instances']} ({app_secret})")


# ---- sandbox: the unit's MemoryDenyWriteExecute, NoNewPrivileges, SystemCallFilter -----------------

def unit_settings(unit_path):
    settings = {}
    for line in open(unit_path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")) and "=" in line:
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def syscall_group(name, seen=None):
    """The system calls of a systemd syscall group (nested groups expanded), from systemd-analyze."""
    seen = seen if seen is not None else set()
    if name in seen:
        return set()
    seen.add(name)
    output = subprocess.run(["systemd-analyze", "syscall-filter", name], capture_output=True, text=True,
                            check=True).stdout
    calls = set()
    for line in output.splitlines()[1:]:
        item = line.strip()
        if not item or item.startswith("#"):
            continue
        calls |= syscall_group(item, seen) if item.startswith("@") else {item}
    return calls


def filter_names(values):
    names = set()
    for value in values:
        for item in value.split():
            names |= syscall_group(item) if item.startswith("@") else {item}
    return names


def sandbox(unit_path, argv):
    """exec argv with the unit's seccomp allow list (kill on anything else), MDWE and no_new_privs."""
    import ctypes
    import seccomp  # Debian's python3-seccomp, for the system python3

    settings = unit_settings(unit_path)
    allow_values = [v for v in settings.get("SystemCallFilter", []) if not v.startswith("~")]
    deny_values = [v[1:] for v in settings.get("SystemCallFilter", []) if v.startswith("~")]
    allowed = filter_names(allow_values) - filter_names(deny_values)
    families = {"AF_UNIX": 1, "AF_INET": 2, "AF_INET6": 10}
    wanted = [families[f] for v in settings.get("RestrictAddressFamilies", []) for f in v.split()]
    libc = ctypes.CDLL(None, use_errno=True)
    if settings.get("NoNewPrivileges") == ["yes"] and libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        sys.exit("sandbox: PR_SET_NO_NEW_PRIVS failed")
    if settings.get("MemoryDenyWriteExecute") == ["yes"]:
        # PR_SET_MDWE(PR_MDWE_REFUSE_EXEC_GAIN): the kernel's form of MemoryDenyWriteExecute= (systemd
        # uses it where the kernel has it, seccomp rules on mmap/mprotect otherwise). Inherited by exec.
        if libc.prctl(65, 1, 0, 0, 0) != 0:
            sys.exit(f"sandbox: PR_SET_MDWE failed (errno {ctypes.get_errno()}); the kernel is older than 6.3")
        if libc.prctl(66, 0, 0, 0, 0) != 1:  # PR_GET_MDWE
            sys.exit("sandbox: PR_GET_MDWE does not report PR_MDWE_REFUSE_EXEC_GAIN")
    syscall_filter = seccomp.SyscallFilter(defaction=seccomp.KILL_PROCESS)
    known = 0
    for name in sorted(allowed):
        if name == "socket" and wanted:
            continue
        try:
            syscall_filter.add_rule(seccomp.ALLOW, name)
            known += 1
        except (RuntimeError, OSError, ValueError):
            pass  # a call this architecture or libseccomp does not know
    if "socket" in allowed:
        if wanted:
            # As RestrictAddressFamilies=: the listed families are allowed, any other fails with
            # EAFNOSUPPORT (glibc's resolver then does without its netlink socket).
            for family in range(0, max(wanted) + 1):
                action = seccomp.ALLOW if family in wanted else seccomp.ERRNO(97)
                syscall_filter.add_rule(action, "socket", seccomp.Arg(0, seccomp.EQ, family))
            syscall_filter.add_rule(seccomp.ERRNO(97), "socket", seccomp.Arg(0, seccomp.GT, max(wanted)))
        else:
            syscall_filter.add_rule(seccomp.ALLOW, "socket")
    print(f"sandbox: {known} system calls allowed, families {wanted}, MDWE "
          f"{settings.get('MemoryDenyWriteExecute')}, NoNewPrivileges {settings.get('NoNewPrivileges')}",
          file=sys.stderr, flush=True)
    syscall_filter.load()
    os.execv(argv[0], argv)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    command = sys.argv[1]
    if command == "containerfile":
        check_containerfile(sys.argv[2])
    elif command == "compose":
        check_compose(sys.argv[2], sys.argv[3])
    elif command == "kubernetes":
        check_kubernetes(sys.argv[2])
    elif command == "healthcheck":
        lines = [args for _, word, args in containerfile_instructions(open(sys.argv[2], encoding="utf-8").read())
                 if word == "HEALTHCHECK"]
        form = exec_form(0, "HEALTHCHECK", lines[-1][lines[-1].index("CMD [") + 4:]) if lines else None
        if not form or form[:2] != ["bash", "-c"] or len(form) != 3:
            sys.exit("no HEALTHCHECK CMD [\"bash\", \"-c\", script]")
        print(form[2])
    elif command == "sandbox":
        separator = sys.argv.index("--")
        sandbox(sys.argv[2], sys.argv[separator + 1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
