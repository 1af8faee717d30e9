# Orbit: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: run serve install test lint chromium messages bench clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(BIN)/.installed

run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_helpdesk_demo
	$(BIN)/python manage.py load_performance_demo
	$(BIN)/python manage.py load_placement_demo
	@$(BIN)/python manage.py load_demo | tail -n +2
	@echo "Orbit is at http://127.0.0.1:$(PORT)/  (stop with Ctrl-C; a task worker runs beside it)"
	$(BIN)/python manage.py db_worker >var/worker.log 2>&1 & \
	  trap 'kill $$!' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production profile: gunicorn + the task worker, settings from the environment (docs/deploy.md).
WORKERS ?= 3
serve: install
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL (PostgreSQL) and SECRET_KEY first: see docs/deploy.md"; exit 1; }
	DEBUG=false $(BIN)/python manage.py migrate --noinput
	DEBUG=false $(BIN)/python manage.py collectstatic --noinput
	DEBUG=false $(BIN)/python manage.py db_worker & \
	  trap 'kill $$!' EXIT; \
	  DEBUG=false $(BIN)/gunicorn orbit.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
chromium:
	@test -x $(CHROMIUM) || { echo "Installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || { echo "Could not install chromium: run 'apt-get install chromium' as root."; exit 1; }; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install chromium lint
	mkdir -p var
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

messages: install
	$(BIN)/python manage.py makemessages -l id -l en --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: install
	$(BIN)/python bench/import_employees.py

clean:
	rm -rf $(VENV) var staticfiles test-artifacts
