-- A drizzle-kit (sqlite dialect) migration as `drizzle-kit generate` writes it: `backticked`
-- names, tab indentation, `--> statement-breakpoint` lines, integer timestamps and booleans,
-- text(256), DEFAULT (unixepoch()), table-level foreign keys with lower-case actions, composite
-- primary keys (in another order than the columns), `*_unique` indexes.
-- @rebuild posts
-- @expect DELETE FROM users WHERE id = 1; SELECT count(*) FROM posts => 0
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`is_admin` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY NOT NULL,
	`author_id` integer NOT NULL,
	`title` text(256),
	`meta` text,
	`score` real DEFAULT 0.5,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `posts_title_idx` ON `posts` (`title`);--> statement-breakpoint
CREATE TABLE `post_tags` (
	`post_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`tag`, `post_id`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 1709251200, 1);
INSERT INTO posts VALUES (1, 1, 'Hello', '{"tags":["a"]}', 0.75);
INSERT INTO post_tags VALUES (1, 'intro'), (1, 'hello');
