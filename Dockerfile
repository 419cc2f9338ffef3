# golessons: JupyterLab with the Go (yaegi) kernel and the concurrency lessons.
#
#   make image            # = scripts/debian-base.sh + scripts/docker-context.sh + podman/docker build
#   docker run -p 8888:8888 golessons    (or podman run; open the http://127.0.0.1:8888/lab?token=... URL it prints)
#
# No container registry is used: the FROM image is Debian made locally with
# debootstrap (scripts/debian-base.sh), and the Go toolchain, Go modules and
# Python wheels are gathered on the host by scripts/docker-context.sh into
# build/docker/context-deps, all pinned (go.mod/go.sum, requirements/).
# Both stages install with scripts/install.sh, the script the laptop path runs.
ARG BASE=localhost/debian:bookworm

# ---- build: the kernel binary ----------------------------------------------
FROM ${BASE} AS build
ARG GO_VERSION=1.26.8
RUN apt-get update \
 && apt-get install -y --no-install-recommends unzip \
 && rm -rf /var/lib/apt/lists/*
# The Go toolchain as the module proxy serves it (golang.org/toolchain), from the file proxy.
RUN --mount=type=bind,source=build/docker/context-deps/goproxy,target=/opt/goproxy \
    unzip -q "/opt/goproxy/golang.org/toolchain/@v/v0.0.1-go${GO_VERSION}.linux-amd64.zip" -d /tmp/go \
 && mv "/tmp/go/golang.org/toolchain@v0.0.1-go${GO_VERSION}.linux-amd64" /usr/local/go \
 && rm -rf /tmp/go
ENV PATH=/usr/local/go/bin:$PATH \
    GOTOOLCHAIN=local GOPROXY=file:///opt/goproxy GOSUMDB=off GOFLAGS=-buildvcs=false CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN --mount=type=bind,source=build/docker/context-deps/goproxy,target=/opt/goproxy \
    --mount=type=cache,target=/root/.cache/go-build \
    scripts/install.sh --no-python \
 && build/golessons version

# ---- runtime: JupyterLab + kernel + lessons ---------------------------------
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/golessons/src
COPY requirements.txt ./
COPY requirements/ requirements/
COPY scripts/install.sh scripts/container-start.sh scripts/
# Runtime packages only, from the pinned wheels (no index is contacted); a
# layer of its own, so changing Go code does not reinstall them.
RUN --mount=type=bind,source=build/docker/context-deps/wheels,target=/tmp/wheels \
    PIP_NO_INDEX=1 PIP_FIND_LINKS=/tmp/wheels PYTHON=/usr/bin/python3 \
    scripts/install.sh --runtime --venv /opt/golessons/venv --no-kernel --no-kernelspec \
 && rm -rf /root/.cache
COPY --from=build /src/build/golessons /opt/golessons/bin/golessons
# The same script again: the venv is current, so this installs the kernelspec.
RUN scripts/install.sh --runtime --venv /opt/golessons/venv --kernel-binary /opt/golessons/bin/golessons \
 && install -m 0755 scripts/container-start.sh /opt/golessons/bin/golessons-start
COPY notebooks/ /opt/golessons/lessons/
# Go modules cells can import without the network: a read-only module cache
# the kernel consults after the user's own (~/go/pkg/mod). GO_MODULES is the
# one build argument for it: scripts/build-image.sh downloads and verifies
# those modules on the host (GO_MODULES="golang.org/x/sync@v0.25.0 ..." make image)
# into context-deps/modcache; this step copies exactly them into the image
# and fails if one is missing.
ARG GO_MODULES="golang.org/x/sync@v0.25.0 golang.org/x/time@v0.16.0"
RUN --mount=type=bind,source=build/docker/context-deps/modcache,target=/tmp/modcache \
    GOPROXY=file:///tmp/modcache/cache/download GOSUMDB=off \
    /opt/golessons/bin/golessons modules download --cache /opt/golessons/modcache $GO_MODULES
# uid 1000, gid 100: the user JupyterHub's Kubernetes spawner expects by default.
RUN useradd --create-home --uid 1000 --gid 100 --shell /bin/bash jovyan
ENV PATH=/opt/golessons/venv/bin:/opt/golessons/bin:/usr/local/bin:/usr/bin:/bin \
    GOLESSONS_LESSONS_SRC=/opt/golessons/lessons \
    GOLESSONS_MODCACHE=/opt/golessons/modcache \
    SHELL=/bin/bash
USER 1000:100
WORKDIR /home/jovyan
EXPOSE 8888
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python3 -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:8888' + os.environ.get('JUPYTERHUB_SERVICE_PREFIX', '/') + 'api', timeout=4)"
ENTRYPOINT ["tini", "--", "golessons-start"]
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--ServerApp.default_url=/lab/tree/lessons"]
