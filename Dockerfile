# synclog: the HTTP service (`serve`, default) and the one-shot `setup` job in one image.
# Sources run through tsx (a runtime dependency), so there is no build stage.
FROM node:20-slim

WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# The sources (what .dockerignore leaves: no node_modules, tests' data or VCS files).
COPY . .

# Sources stay root-owned: the service reads them but cannot change them.
USER node

ENV NODE_ENV=production SYNCLOG_HTTP_HOST=0.0.0.0 PORT=8080
EXPOSE 8080

ENTRYPOINT ["node", "bin/synclog.js"]
CMD ["serve"]
