# golessons: the commands the README names. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8888
IMAGE ?= golessons
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: help install kernel lab notebook console test bench bench-smoke image docker-test hub-test browser-test clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

install: ## venv (pinned requirements) + kernel binary + kernelspec in the venv
	scripts/install.sh

kernel: ## rebuild only the kernel binary (build/golessons)
	scripts/install.sh --no-python

lab: install ## JupyterLab on notebooks/ at http://$(HOST):$(PORT)
	@echo "JupyterLab: open the http://$(HOST):$(PORT)/lab?token=... URL printed below"
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=notebooks --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) \
		--ServerApp.port_retries=0 --no-browser $(ALLOW_ROOT)

notebook: install ## classic-style Notebook 7 on notebooks/
	$(VENV)/bin/jupyter notebook --ServerApp.root_dir=notebooks --ServerApp.ip=$(HOST) --ServerApp.port=$(PORT) \
		--ServerApp.port_retries=0 --no-browser $(ALLOW_ROOT)

console: install ## jupyter console with the Go kernel
	$(VENV)/bin/jupyter console --kernel=golessons

test: ## everything CI runs, with timings per stage (see scripts/test.sh)
	scripts/test.sh

browser-test: install ## only the JupyterLab-in-Chromium test
	$(VENV)/bin/python -m pytest -p no:cacheprovider tests/browser

hub-test: install ## only the JupyterHub smoke test
	$(VENV)/bin/python -m pytest -p no:cacheprovider tests/hub

image: ## build the Docker image with podman (or IMAGE_TOOL=docker)
	scripts/build-image.sh $(IMAGE)

docker-test: ## build the image, run it, check HTTP and a kernel execution
	tests/docker/run.sh

bench: install ## golessons vs ipykernel benchmark (bench/)
	$(VENV)/bin/python bench/run.py

bench-smoke: install ## a few iterations of the benchmark, so it cannot rot
	$(VENV)/bin/python bench/run.py --smoke

clean: ## remove build outputs (keeps the venv)
	rm -rf build artifacts
