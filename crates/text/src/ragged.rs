//! Groups of values in one buffer (each utterance's sentences, each utterance's stems): one
//! allocation for a call's groups instead of a vector per group.

/// Groups appended in order: [`Ragged::open`] gives the buffer the current group is appended
/// to, [`Ragged::close`] ends it there, [`Ragged::group`] reads group `i` back.
#[derive(Debug, Clone)]
pub(crate) struct Ragged<T> {
    values: Vec<T>,
    /// Where each closed group ends in `values`.
    ends: Vec<usize>,
}

impl<T> Default for Ragged<T> {
    fn default() -> Self {
        Self {
            values: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T> Ragged<T> {
    pub(crate) fn with_capacity(groups: usize, values: usize) -> Self {
        Self {
            values: Vec::with_capacity(values),
            ends: Vec::with_capacity(groups),
        }
    }

    /// The buffer the open group's values are appended to; the values before
    /// [`Self::open_from`] are the closed groups', left alone.
    pub(crate) fn open(&mut self) -> &mut Vec<T> {
        &mut self.values
    }

    /// Where the open group starts in [`Self::open`]'s buffer.
    pub(crate) fn open_from(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    /// Ends the open group after the values appended so far.
    pub(crate) fn close(&mut self) {
        self.ends.push(self.values.len());
    }

    /// Group `i`'s values; `None` past the last closed group.
    pub(crate) fn group(&self, i: usize) -> Option<&[T]> {
        let end = *self.ends.get(i)?;
        let start = i
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or(0);
        self.values.get(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::Ragged;

    #[test]
    fn groups_read_back_as_appended_empty_ones_included() {
        let mut groups = Ragged::with_capacity(3, 4);
        groups.open().extend([1, 2]);
        groups.close();
        assert_eq!(groups.open_from(), 2);
        groups.close();
        groups.open().push(3);
        groups.close();
        groups.open().push(4);
        assert_eq!(groups.group(0), Some(&[1, 2][..]));
        assert_eq!(groups.group(1), Some(&[][..]));
        assert_eq!(groups.group(2), Some(&[3][..]));
        assert_eq!(groups.group(3), None, "an open group is not read back");
        assert_eq!(Ragged::<u8>::default().group(0), None);
    }
}
