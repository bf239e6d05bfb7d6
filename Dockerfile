# RoleCall over HTTP. Build: docker build -t rolecall .  Run: docker run -p 3000:3000 --env-file .env rolecall
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md constraints.txt ./
COPY bot ./bot
COPY handlers ./handlers
COPY content ./content
RUN pip install -c constraints.txt -e . && useradd --create-home --uid 10001 rolecall && mkdir -p /data && chown rolecall /data

USER rolecall
ENV DATABASE_URL=sqlite:////data/rolecall.db
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=2)"
CMD ["rolecall", "serve", "--host", "0.0.0.0", "--port", "3000"]
