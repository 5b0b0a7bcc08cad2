window.ccOrder.push('b');
