-- A Prisma Migrate (provider sqlite) migration.sql: "Quoted" PascalCase names, DATETIME,
-- DECIMAL, BOOLEAN, a TEXT cuid key, CONSTRAINT-named foreign keys, `CREATE UNIQUE INDEX
-- "T_x_key"`, the implicit many-to-many table "_PostToTag" with its "_AB_unique" index.
-- @rebuild Post
-- @fails INSERT INTO "User" ("email", "updatedAt") VALUES ('ada@example.com', '2024-01-01')
-- @fails DELETE FROM "User" WHERE "id" = 1
-- @expect UPDATE "User" SET "id" = 7 WHERE "id" = 1; SELECT count(*) FROM "Post" WHERE "authorId" = 7 => 1
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "price" DECIMAL NOT NULL DEFAULT 0,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "_PostToTag" (
    "A" TEXT NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");

-- CreateIndex
CREATE UNIQUE INDEX "_PostToTag_AB_unique" ON "_PostToTag"("A", "B");

-- CreateIndex
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");
INSERT INTO "User" VALUES (1, 'ada@example.com', 'Ada', '2024-03-01 12:00:00', '2024-03-01 12:00:00');
INSERT INTO "Post" VALUES ('clt0abc000001', 'Hello', 9.5, true, 1);
INSERT INTO "Tag" VALUES (1, 'intro');
INSERT INTO "_PostToTag" VALUES ('clt0abc000001', 1);
