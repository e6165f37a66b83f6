-- Create "data_changes" table
CREATE TABLE `data_changes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `types` text NOT NULL DEFAULT (''), `bulk_types` text NOT NULL DEFAULT (''), `ids` text NOT NULL DEFAULT (''));
