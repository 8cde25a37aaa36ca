# The zwgk API and web UI. Build: docker build -t zwgk .   Run: docker compose up
# Stage 1 vendors the browser libraries from the npm registry (no CDN at run time).
FROM node:20-bookworm-slim AS frontend
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts/vendor-frontend.sh scripts/
RUN mkdir -p api/static && bash scripts/vendor-frontend.sh

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ZWGK_DATA_DIR=/data \
    ZWGK_HOST=0.0.0.0 \
    ZWGK_PORT=8000
WORKDIR /app
COPY pyproject.toml ./
COPY ontology ontology
COPY ingest ingest
COPY graph graph
COPY api api
COPY data/corpus data/corpus
COPY --from=frontend /src/api/static/vendor api/static/vendor
RUN pip install --no-cache-dir -e . \
    && useradd --system --uid 10001 --home-dir /data zwgk \
    && mkdir -p /data && chown zwgk /data
USER zwgk
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4).status == 200 else 1)"
CMD ["zwgk", "serve"]
